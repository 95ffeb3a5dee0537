{#- Keep one row per natural key of `relation`: the one from the latest delivery (then the later
    file and row). A corrected re-delivery therefore supersedes the earlier rows for the same
    keys. Written as a ranked subquery, not QUALIFY, so it runs on every engine; the rank is
    kept as column _delivery_rank (always 1).

    Only the rows whose key was delivered more than once are ranked; every other row is the
    latest of its key as it stands. Ranking all rows partitions the window by a nearly unique key,
    and DuckDB's window then needs memory in proportion to the rows (M: stg_attendance with the
    month sort failed under a 450 MB cap and took 500 MB): at tier XL no machine of ours would
    hold it. Counting the keys is a plain aggregate, which spills (BENCHMARKS.md, change 20).
    A row with a null key part is ranked, so nulls are grouped as the window groups them.
    `relation` is read four times: the model marks the CTEs it is made of inlined(), or DuckDB
    materialises them (M: 17 s against 10 s). sqlfluff cannot count the columns of the union
    (AM04), hence the `noqa` where it is called. -#}
{% macro latest_delivery(relation, natural_key) -%}
    {%- set keys = natural_key.split(',') | map('trim') | list -%}
    {%- set repeated -%}
        select {{ keys | join(', ') }}
        from {{ relation }}
        group by {{ keys | join(', ') }}
        having count(*) > 1
    {%- endset -%}
    {%- set same_key -%}
        {%- for key in keys %}{{ 'and ' if not loop.first }}repeated.{{ key }} = {{ relation }}.{{ key }} {% endfor -%}
    {%- endset -%}
    select latest.*
    from (
        select
            {{ relation }}.*,
            cast(1 as bigint) as _delivery_rank
        from {{ relation }}
        where
            {% for key in keys -%}
            {{ relation }}.{{ key }} is not null and
            {% endfor -%}
            not exists (select 1 from ({{ repeated }}) as repeated where {{ same_key }})
        union all
        select ranked.*
        from (
            select
                {{ relation }}.*,
                row_number() over (
                    partition by {{ natural_key }}
                    order by _delivery_seq desc, _source_row desc
                ) as _delivery_rank
            from {{ relation }}
            where
                {% for key in keys -%}
                {{ relation }}.{{ key }} is null or
                {% endfor -%}
                exists (select 1 from ({{ repeated }}) as repeated where {{ same_key }})
        ) as ranked
        where ranked._delivery_rank = 1
    ) as latest
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
