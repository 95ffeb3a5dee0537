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

{#- The config of a staging model kept by delivery: on DuckDB a table built incrementally, where
    a run ranks only the rows of deliveries newer than any already in it (newer_deliveries) and
    replaces the rows they deliver again (delete+insert on `natural_key`). Delivery numbers only
    grow, so this gives the rows ranking all history gives, without ranking all history on
    every run. On Spark a view (plain Parquet has no delete). -#}
{% macro staged_by_delivery_config(natural_key) -%}
    {{ return({
        'materialized': 'view' if target.type == 'spark' else 'incremental',
        'incremental_strategy': 'delete+insert',
        'unique_key': natural_key,
    }) }}
{%- endmacro %}

{#- The condition "this row comes from a delivery newer than any already in this model". -#}
{% macro from_newer_delivery() -%}
    _delivery_seq > (select coalesce(max(_delivery_seq), 0) from {{ this }})
{%- endmacro %}

{#- The where-clause of a staging model kept by delivery: on an incremental run, only the rows of
    deliveries newer than any already in it. -#}
{% macro newer_deliveries() -%}
    {%- if is_incremental() -%}
        where {{ from_newer_delivery() }}
    {%- endif -%}
{%- endmacro %}
