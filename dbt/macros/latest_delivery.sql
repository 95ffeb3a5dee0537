{#- Keep one row per natural key of `relation`: the one from the latest delivery (then the later
    file and row). A corrected re-delivery therefore supersedes the earlier rows for the same
    keys. Written as a ranked subquery, not QUALIFY, so it runs on every engine; the rank is
    kept as column _delivery_rank (always 1). -#}
{% macro latest_delivery(relation, natural_key) -%}
    select ranked.*
    from (
        select
            {{ relation }}.*,
            row_number() over (
                partition by {{ natural_key }}
                order by _delivery_seq desc, _source_row desc
            ) as _delivery_rank
        from {{ relation }}
    ) as ranked
    where ranked._delivery_rank = 1
{%- endmacro %}
