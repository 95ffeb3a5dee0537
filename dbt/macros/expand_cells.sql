{#- Every metric is reported per initiative x partnership (and ALL) x period (quarter,
    half-year, year, cumulative) x subgroup (all, age band, gender, impairment group). This
    macro fans one row of `source_cte` out to every cell it belongs to (with
    expand_periods=false, the source already carries period_type and period_start), so each metric model
    only says what its units are and how to aggregate them. `source_cte` needs initiative_id,
    partnership_id, age_band, gender, impairment_group and the date column `anchor`; `columns`
    are passed through. -#}
{% macro expand_cells(source_cte, anchor, columns, expand_periods=true, subgroups=none) -%}
    {%- set subgroups = subgroups or var('metric_subgroups') -%}
    select
        {% for column in columns -%}
            src.{{ column }},
        {% endfor -%}
        src.initiative_id,
        case when rollups.to_all then 'ALL' else src.partnership_id end as partnership_id,
        {% if expand_periods %}
            periods.period_type,
            {{ period_start('periods.period_type', 'src.' ~ anchor, 'initiatives.started_on') }}
                as period_start,
        {% else %}
            src.period_type,
            src.period_start,
        {% endif %}
        subgroups.subgroup_type,
        case subgroups.subgroup_type
            when 'age_band' then src.age_band
            when 'gender' then src.gender
            when 'impairment_group' then src.impairment_group
            else 'all'
        end as subgroup
    from {{ source_cte }} as src
    inner join {{ ref('dim_initiative') }} as initiatives
        on src.initiative_id = initiatives.initiative_id
    {% if expand_periods %}
        cross join {{ period_types_relation('periods') }}
    {% endif %}
    cross join
        (values {% for s in subgroups %}('{{ s }}'){{ ', ' if not loop.last }}{% endfor %})
            as subgroups (subgroup_type)
    cross join (values (false), (true)) as rollups (to_all)
{%- endmacro %}

{#- A VALUES list of the configured period types, as a relation with column period_type. -#}
{% macro period_types_relation(alias) -%}
    (values {% for p in var('metric_periods') %}('{{ p }}'){{ ', ' if not loop.last }}{% endfor %})
        as {{ alias }} (period_type)
{%- endmacro %}
