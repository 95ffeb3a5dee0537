{#- Keep one row per natural key: the one from the latest delivery (then the later file and
    row). A corrected re-delivery therefore supersedes the earlier rows for the same keys. -#}
{% macro latest_delivery(natural_key) -%}
    qualify row_number() over (
        partition by {{ natural_key }}
        order by _delivery_seq desc, _source_row desc
    ) = 1
{%- endmacro %}
