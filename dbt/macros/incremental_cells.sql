{#- Metric cells are computed again only for the periods whose inputs changed
    (int_metric_cell_stats over metric units, int_metric_attendance_rate over attendance
    months), and metric units only for the enrolments whose units changed (int_metric_units).
    Each group (an initiative x period type x period start; an enrolment) has a fingerprint:
    the sum of a hash of every input row in it, with everything that places or weighs the row.
    A kept row carries the fingerprint of its group as it was when the row was computed. -#}

{#- A 64-bit hash of the values (positional; a null is hashed, not skipped, on DuckDB). -#}
{% macro row_hash(columns) -%}
    {{ return(adapter.dispatch('row_hash')(columns)) }}
{%- endmacro %}

{% macro default__row_hash(columns) -%}
    hash({{ columns | join(', ') }})
{%- endmacro %}

{% macro spark__row_hash(columns) -%}
    xxhash64({{ columns | join(', ') }})
{%- endmacro %}

{#- Pre-hook of a model kept by fingerprint: drop every row whose group (`keys`: a period, an
    enrolment) no longer has the fingerprint the row was computed from (its inputs changed, or
    the group has no inputs any more). The model then computes the groups that have no rows, so
    a run recomputes exactly the changed groups and a removed input can never leave a stale row
    behind. -#}
{% macro drop_changed_fingerprints(fingerprints, keys, fingerprint_column) -%}
    {%- if is_incremental() -%}
        delete from {{ this }} as kept
        where not exists (
            select 1
            from {{ fingerprints }} as current_fingerprints
            where
                {{ keys_join('current_fingerprints', 'kept', keys) }}
                and current_fingerprints.{{ fingerprint_column }} = kept.{{ fingerprint_column }}
        )
    {%- endif -%}
{%- endmacro %}

{#- The config of a model kept by fingerprint: incremental on DuckDB, appending the groups whose
    rows its pre-hook dropped (drop_changed_fingerprints over the model `fingerprints`, one row
    per group of `keys` with its `fingerprint_column`); a plain table on Spark. -#}
{% macro fingerprinted_config(fingerprints, keys, fingerprint_column) -%}
    {{ return({
        'materialized': 'table' if target.type == 'spark' else 'incremental',
        'incremental_strategy': 'append',
        'pre_hook': "{{ drop_changed_fingerprints(ref('" ~ fingerprints ~ "'), "
                    ~ keys | string ~ ", '" ~ fingerprint_column ~ "') }}",
    }) }}
{%- endmacro %}

{#- The rows of `fingerprints` (groups of `keys`) a model kept by fingerprint has no rows for:
    after its pre-hook (drop_changed_fingerprints), the changed and new ones; on a full
    refresh, all. -#}
{% macro pending_fingerprints(fingerprints, keys) -%}
    select fingerprints.*
    from {{ fingerprints }} as fingerprints
    {% if is_incremental() %}
        where not exists (
            select 1
            from {{ this }} as kept
            where {{ keys_join('kept', 'fingerprints', keys) }}
        )
    {% endif %}
{%- endmacro %}

{#- A cell model kept by period: its cells carry the period_fingerprint they were computed from. -#}
{% macro period_cells_config(fingerprints) -%}
    {{ return(fingerprinted_config(fingerprints, period_key_names(), 'period_fingerprint')) }}
{%- endmacro %}

{#- The periods of `fingerprints` an incremental cell model has no cells for. -#}
{% macro pending_periods(fingerprints) -%}
    {{ pending_fingerprints(fingerprints, period_key_names()) }}
{%- endmacro %}

{#- A row's share of its period's fingerprint: a 64-bit hash of its `columns` and the subgroup
    list, as a decimal so that the sums cannot overflow. -#}
{% macro row_fingerprint(columns) -%}
    cast({{ row_hash(columns + ["'" ~ var('metric_subgroups') | join(',') ~ "'"]) }}
        as decimal(38, 0))
{%- endmacro %}

{#- A model's body: one fingerprint per initiative x period over the rows of `source_cte`, the
    sum of each row's row_fingerprint(columns). Rows are first summed per initiative x quarter
    (`date_column`'s quarter); the quarters then add up to their longer periods, so the rows are
    read once without fan-out. -#}
{% macro period_fingerprints(source_cte, date_column, columns) -%}
    {%- set hashed -%}
        select
            initiative_id,
            cast({{ dbt.date_trunc('quarter', date_column) }} as date) as anchor_quarter,
            {{ row_fingerprint(columns) }} as row_fingerprint
        from {{ source_cte }}
    {%- endset -%}
    {%- set quarters -%}
        (
            select
                initiative_id,
                anchor_quarter,
                sum(row_fingerprint) as fingerprint
            from ({{ hashed }}) as hashed
            group by initiative_id, anchor_quarter
        )
    {%- endset -%}
    select
        initiative_id,
        period_type,
        period_start,
        sum(fingerprint) as period_fingerprint
    from ({{ in_periods(quarters, 'anchor_quarter') }}) as in_period
    group by initiative_id, period_type, period_start
{%- endmacro %}

{#- A model's body: one fingerprint per initiative x period over the rows of `source_cte`, which
    already carry their period (period_type, period_start). -#}
{% macro given_period_fingerprints(source_cte, columns) -%}
    select
        initiative_id,
        period_type,
        period_start,
        sum({{ row_fingerprint(columns) }}) as period_fingerprint
    from {{ source_cte }}
    group by initiative_id, period_type, period_start
{%- endmacro %}
