{#- Metric cells are rebuilt only for the periods whose units changed (int_metric_cell_stats).
    Each (initiative, period type, period start) has a fingerprint: the sum of a hash of every
    unit in it, with everything that places or weighs the unit. A cell row carries the
    fingerprint of its period as it was when the row was computed. -#}

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

{#- Pre-hook of the incremental cell model: drop every cell whose period no longer has the
    fingerprint the cell was computed from (its units changed, or the period has no units any
    more). The model then computes the periods that have no cells, so a run recomputes exactly
    the changed periods and a removed unit can never leave a stale cell behind. -#}
{% macro drop_changed_periods(fingerprints) -%}
    {%- if is_incremental() -%}
        delete from {{ this }} as cells
        where not exists (
            select 1
            from {{ fingerprints }} as current_periods
            where
                {{ period_join('current_periods', 'cells') }}
                and current_periods.period_fingerprint = cells.period_fingerprint
        )
    {%- endif -%}
{%- endmacro %}
