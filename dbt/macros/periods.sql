{#- First day of the half-year (1 January or 1 July) that contains a date. -#}
{% macro half_year_start(date_column) -%}
    cast({{ dbt.dateadd('month', '(case when extract(month from ' ~ date_column ~ ') > 6 then 6 else 0 end)',
                        dbt.date_trunc('year', date_column)) }} as date)
{%- endmacro %}

{#- The label of a half-year, e.g. 2024-H2. -#}
{% macro half_year_label(period_start_column) -%}
    cast(extract(year from {{ period_start_column }}) as varchar)
    || case when extract(month from {{ period_start_column }}) = 1 then '-H1' else '-H2' end
{%- endmacro %}
