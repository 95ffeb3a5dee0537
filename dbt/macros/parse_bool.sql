{#- Contract booleans are the words true/false; anything else (blank included) is unknown. -#}
{% macro parse_bool(column) -%}
    case lower({{ column }}) when 'true' then true when 'false' then false end
{%- endmacro %}
