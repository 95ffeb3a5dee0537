{#- The most recently loaded non-blank value of a column within a group (DESIGN section 4:
    per attribute the most recent non-blank value wins). -#}
{% macro latest_non_null(column, order_by='_delivery_seq') -%}
    arg_max({{ column }}, {{ order_by }}) filter (where {{ column }} is not null)
{%- endmacro %}
