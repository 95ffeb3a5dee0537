{{ config(**period_cells_config('int_stable_attendance_period_fingerprints')) }}
-- stable_attendance: among participants with planned hours in the last 28 days of the period
-- (up to the as-of date), the share who attended at least 80 % of those hours. Wilson interval.
-- The units, one per enrolment and period, are int_stable_attendance_windows.
--
-- Incremental on DuckDB like int_metric_attendance_rate: the pre-hook drops the cells of every
-- period whose fingerprint (int_stable_attendance_period_fingerprints) changed or vanished, and
-- a run computes only the periods that then have no cells -- the periods a new month touches and
-- those whose window ends at the as-of date. On Spark it is a plain table.
with windows as (
    select * from {{ ref('int_stable_attendance_windows') }}
),

fingerprints as (
    select * from {{ ref('int_stable_attendance_period_fingerprints') }}
),

pending as (
    {{ pending_periods('fingerprints') }}
),

units as (
    select
        windows.*,
        cast(case when windows.attended >= 0.8 * windows.planned then 1 else 0 end as double)
            as x
    from windows
    inner join pending on {{ period_join('windows', 'pending') }}
),

expanded as (
    {{ expand_cells('units', none, ['person_key', 'x'], expand_periods=false) }}
),

cells as (
    select
        {{ cell_keys() }},
        count(distinct person_key) as n,
        count(*) as units,
        sum(x) as sum_x
    from expanded
    group by {{ cell_keys() }}
),

final as (
    select
        'stable_attendance' as metric_id,
        'all' as population,
        {{ cell_keys('cells') }},
        cells.n,
        cells.sum_x as numerator,
        cast(cells.units as double) as denominator,
        cells.sum_x / cells.units as value,
        {{ wilson_low('cells.sum_x', 'cells.units') }} as ci_low,
        {{ wilson_high('cells.sum_x', 'cells.units') }} as ci_high,
        cast(null as {{ dbt.type_string() }}) as detail,
        pending.period_fingerprint,
        current_timestamp as _built_at
    from cells
    inner join pending on {{ period_join('cells', 'pending') }}
)

select * from final
