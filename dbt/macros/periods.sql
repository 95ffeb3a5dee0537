{#- First day of the half-year (1 January or 1 July) that contains a date. -#}
{% macro half_year_start(date_column) -%}
    cast({{ dbt.dateadd('month', '(case when extract(month from ' ~ date_column ~ ') > 6 then 6 else 0 end)',
                        dbt.date_trunc('year', date_column)) }} as date)
{%- endmacro %}

{#- The label of a half-year, e.g. 2024-H2. -#}
{% macro half_year_label(period_start_column) -%}
    cast(extract(year from {{ period_start_column }}) as {{ dbt.type_string() }})
    || case when extract(month from {{ period_start_column }}) = 1 then '-H1' else '-H2' end
{%- endmacro %}

{#- The start of the period of type `period_type` (a column) that contains `date_column`;
    cumulative periods start when the initiative started (`cumulative_start`). -#}
{% macro period_start(period_type, date_column, cumulative_start) -%}
    case {{ period_type }}
        when 'quarter' then cast({{ dbt.date_trunc('quarter', date_column) }} as date)
        when 'half_year' then {{ half_year_start(date_column) }}
        when 'year' then cast({{ dbt.date_trunc('year', date_column) }} as date)
        else {{ cumulative_start }}
    end
{%- endmacro %}

{#- The last day of a period; cumulative periods end at the as-of date. -#}
{% macro period_end(period_type, start_column, as_of_column) -%}
    case {{ period_type }}
        when 'quarter'
            then cast({{ dbt.dateadd('day', -1, dbt.dateadd('month', 3, start_column)) }} as date)
        when 'half_year'
            then cast({{ dbt.dateadd('day', -1, dbt.dateadd('month', 6, start_column)) }} as date)
        when 'year'
            then cast({{ dbt.dateadd('day', -1, dbt.dateadd('month', 12, start_column)) }} as date)
        else {{ as_of_column }}
    end
{%- endmacro %}

{#- A period's label: 2024-Q3, 2024-H2, 2024, or cumulative. -#}
{% macro period_label(period_type, start_column) -%}
    case {{ period_type }}
        when 'quarter' then cast(extract(year from {{ start_column }}) as {{ dbt.type_string() }})
            || '-Q' || cast(extract(quarter from {{ start_column }}) as {{ dbt.type_string() }})
        when 'half_year' then {{ half_year_label(start_column) }}
        when 'year' then cast(extract(year from {{ start_column }}) as {{ dbt.type_string() }})
        else 'cumulative'
    end
{%- endmacro %}

{#- Every row of `source_cte` once per configured period type, with the start of the period its
    `date_column` falls in (a cumulative period starts when the initiative started). -#}
{% macro in_periods(source_cte, date_column) -%}
    select
        src.*,
        periods.period_type,
        {{ period_start('periods.period_type', 'src.' ~ date_column, 'initiatives.started_on') }}
            as period_start
    from {{ source_cte }} as src
    inner join {{ ref('dim_initiative') }} as initiatives
        on src.initiative_id = initiatives.initiative_id
    cross join {{ period_types_relation('periods') }}
{%- endmacro %}
