{#- The columns that identify a metric cell, optionally qualified by a table alias. -#}
{% macro cell_keys(alias=none) -%}
    {%- set keys = ['initiative_id', 'partnership_id', 'period_type', 'period_start',
                    'subgroup_type', 'subgroup'] -%}
    {%- for key in keys -%}
        {{ alias ~ '.' if alias }}{{ key }}{{ ', ' if not loop.last }}
    {%- endfor -%}
{%- endmacro %}

{#- Join condition: two relations describe the same metric cell. -#}
{% macro cell_join(left, right) -%}
    {%- set keys = ['initiative_id', 'partnership_id', 'period_type', 'period_start',
                    'subgroup_type', 'subgroup'] -%}
    {%- for key in keys -%}
        {{ left }}.{{ key }} = {{ right }}.{{ key }}{{ ' and ' if not loop.last }}
    {%- endfor -%}
{%- endmacro %}
