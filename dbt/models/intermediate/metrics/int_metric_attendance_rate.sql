{{ config(**period_cells_config('int_attendance_period_fingerprints')) }}
-- attendance_rate: attended / planned hours per cell, consenting participants only
-- (int_attendance_months holds no one else).
--
-- Interval: days cluster within participants, so each participant is one cluster. The value is
-- the ratio of sums R = sum(A_i) / sum(P_i) over participants i; its linearised (HC1) variance is
-- n / (n - 1) * sum((A_i - R * P_i)^2) / sum(P_i)^2, the same as a weighted least-squares fit of
-- the participants' rates with weights P_i and HC1 standard errors. 95 % normal interval,
-- clipped to [0, 1] (or to the value when attended hours exceed planned).
-- Aggregated from monthly sums, so a run never re-reads all days. Months are first summed into
-- each person's periods and only then fanned out to subgroups and the ALL rollup, so the
-- fan-out handles a few rows per person instead of four per month.
--
-- Incremental on DuckDB like int_metric_cell_stats: the pre-hook drops the cells of every period
-- whose fingerprint (int_attendance_period_fingerprints) changed or vanished, and a run
-- computes only the periods that then have no cells. On Spark it is a plain table.
with months as (
    select * from {{ ref('int_attendance_months') }}
),

fingerprints as (
    select * from {{ ref('int_attendance_period_fingerprints') }}
),

pending as (
    {{ pending_periods('fingerprints') }}
),

month_periods as (
    {{ in_periods('months', 'month_start') }}
),

per_period as (
    select
        month_periods.person_key,
        month_periods.initiative_id,
        month_periods.partnership_id,
        month_periods.age_band,
        month_periods.gender,
        month_periods.impairment_group,
        month_periods.period_type,
        month_periods.period_start,
        sum(month_periods.attended) as attended,
        sum(month_periods.planned) as planned
    from month_periods
    inner join pending on {{ period_join('month_periods', 'pending') }}
    group by
        month_periods.person_key,
        month_periods.initiative_id,
        month_periods.partnership_id,
        month_periods.age_band,
        month_periods.gender,
        month_periods.impairment_group,
        month_periods.period_type,
        month_periods.period_start
),

expanded as (
    {{ expand_cells('per_period', none, ['person_key', 'attended', 'planned'],
                    expand_periods=false) }}
),

per_participant as (
    select
        {{ cell_keys() }},
        person_key,
        sum(attended) as attended,
        sum(planned) as planned
    from expanded
    group by {{ cell_keys() }}, person_key
    having sum(planned) > 0
),

cells as (
    select
        {{ cell_keys() }},
        count(*) as n,
        sum(attended) as numerator,
        sum(planned) as denominator,
        sum(attended) / sum(planned) as value
    from per_participant
    group by {{ cell_keys() }}
),

spread as (
    select
        {{ cell_keys('cells') }},
        sum(power(per_participant.attended - cells.value * per_participant.planned, 2))
            as sum_sq_residual
    from cells
    inner join per_participant
        on {{ cell_join('cells', 'per_participant') }}
    group by {{ cell_keys('cells') }}
),

with_se as (
    select
        cells.*,
        case
            when cells.n > 1
                then
                    sqrt(cast(cells.n as double) / (cells.n - 1) * spread.sum_sq_residual)
                    / cells.denominator
        end as standard_error
    from cells
    inner join spread
        on {{ cell_join('cells', 'spread') }}
),

final as (
    select
        'attendance_rate' as metric_id,
        'all' as population,
        {{ cell_keys('with_se') }},
        with_se.n,
        with_se.numerator,
        with_se.denominator,
        with_se.value,
        greatest(0.0, with_se.value - {{ z_95() }} * with_se.standard_error) as ci_low,
        least(greatest(1.0, with_se.value), with_se.value + {{ z_95() }} * with_se.standard_error)
            as ci_high,
        cast(null as {{ dbt.type_string() }}) as detail,
        pending.period_fingerprint,
        current_timestamp as _built_at
    from with_se
    inner join pending on {{ period_join('with_se', 'pending') }}
)

select * from final
