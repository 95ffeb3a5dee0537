-- attendance_rate: attended / planned hours per cell, consenting participants only
-- (fct_attendance holds no one else).
--
-- Interval: days cluster within participants, so each participant is one cluster. The value is
-- the ratio of sums R = sum(A_i) / sum(P_i) over participants i; its linearised (HC1) variance is
-- n / (n - 1) * sum((A_i - R * P_i)^2) / sum(P_i)^2, the same as a weighted least-squares fit of
-- the participants' rates with weights P_i and HC1 standard errors. 95 % normal interval,
-- clipped to [0, 1] (or to the value when attended hours exceed planned).
-- Aggregated from fct_attendance_monthly (incremental), so a run never re-reads all days; with
-- an as_of var inside a month, that whole month counts. Months are first summed into each
-- person's periods and only then fanned out to subgroups and the ALL rollup, so the fan-out
-- handles a few rows per person instead of four per month.
with monthly as (
    select
        monthly.person_key,
        monthly.initiative_id,
        monthly.partnership_id,
        fct_enrolment.age_band,
        fct_enrolment.gender,
        fct_enrolment.impairment_group,
        monthly.attendance_month as month_start,
        monthly.attended_hours as attended,
        monthly.planned_hours as planned
    from {{ ref('fct_attendance_monthly') }} as monthly
    inner join {{ ref('fct_enrolment') }} as fct_enrolment
        on monthly.enrolment_key = fct_enrolment.enrolment_key
    where monthly.attendance_month <= fct_enrolment.as_of_date
),

monthly_periods as (
    {{ in_periods('monthly', 'month_start') }}
),

per_period as (
    select
        person_key,
        initiative_id,
        partnership_id,
        age_band,
        gender,
        impairment_group,
        period_type,
        period_start,
        sum(attended) as attended,
        sum(planned) as planned
    from monthly_periods
    group by
        person_key,
        initiative_id,
        partnership_id,
        age_band,
        gender,
        impairment_group,
        period_type,
        period_start
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
        {{ cell_keys() }},
        n,
        numerator,
        denominator,
        value,
        greatest(0.0, value - {{ z_95() }} * standard_error) as ci_low,
        least(greatest(1.0, value), value + {{ z_95() }} * standard_error) as ci_high,
        cast(null as {{ dbt.type_string() }}) as detail
    from with_se
)

select * from final
