{#- Stable attendance looks at the last `stable_window_days()` days of each period (up to the
    as-of date): a day counts when it falls after the window's start, up to its end. -#}
{% macro stable_window_days() %}{{ return(28) }}{% endmacro %}

{#- The last day of the month starting on `month_column`. -#}
{% macro month_end(month_column) -%}
    cast({{ dbt.dateadd('day', -1, dbt.dateadd('month', 1, month_column)) }} as date)
{%- endmacro %}

{#- The first day of the last month of the quarter holding `month_column`. -#}
{% macro last_month_of_quarter(month_column) -%}
    cast({{ dbt.dateadd('month', 2, dbt.date_trunc('quarter', month_column)) }} as date)
{%- endmacro %}

{#- The last day before the window of the month starting on `month_column`: the window of a
    month is its last stable_window_days() days (fct_attendance_monthly's closing hours). -#}
{% macro closing_window_start(month_column='attendance_month') -%}
    cast({{ dbt.dateadd('day', -stable_window_days(), month_end(month_column)) }} as date)
{%- endmacro %}
