{#- The most recently loaded non-blank value of a column within a group (DESIGN section 4:
    per attribute the most recent non-blank value wins). max_by with an aggregate filter is the
    same on DuckDB and Spark. -#}
{% macro latest_non_null(column, order_by='_delivery_seq') -%}
    max_by({{ column }}, {{ order_by }}) filter (where {{ column }} is not null)
{%- endmacro %}
