{#- The columns that identify a metric cell, and the initiative x period it belongs to. -#}
{% macro cell_key_names() -%}
    {{ return(['initiative_id', 'partnership_id', 'period_type', 'period_start',
               'subgroup_type', 'subgroup']) }}
{%- endmacro %}

{% macro period_key_names() -%}
    {{ return(['initiative_id', 'period_type', 'period_start']) }}
{%- endmacro %}

{#- The columns that identify a metric cell, optionally qualified by a table alias. -#}
{% macro cell_keys(alias=none) -%}
    {%- for key in cell_key_names() -%}
        {{ alias ~ '.' if alias }}{{ key }}{{ ', ' if not loop.last }}
    {%- endfor -%}
{%- endmacro %}

{#- Join condition: two relations agree on every one of ``keys``. -#}
{% macro keys_join(left, right, keys) -%}
    {%- for key in keys -%}
        {{ left }}.{{ key }} = {{ right }}.{{ key }}{{ ' and ' if not loop.last }}
    {%- endfor -%}
{%- endmacro %}

{#- Join condition: two relations describe the same metric cell. -#}
{% macro cell_join(left, right) -%}
    {{ keys_join(left, right, cell_key_names()) }}
{%- endmacro %}

{#- Join condition: two relations describe the same initiative x period. -#}
{% macro period_join(left, right) -%}
    {{ keys_join(left, right, period_key_names()) }}
{%- endmacro %}
