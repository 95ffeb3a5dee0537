-- attendance_rate: attended / planned hours per initiative x partnership (and ALL) x half-year,
-- consenting participants only (fct_attendance holds no one else).
--
-- Interval: days cluster within participants, so each participant is one cluster. The value is
-- the ratio of sums R = sum(A_i) / sum(P_i) over participants i; its linearised (HC1) variance is
-- n / (n - 1) * sum((A_i - R * P_i)^2) / sum(P_i)^2, the same as a weighted least-squares fit of
-- the participants' rates with weights P_i and HC1 standard errors. 95 % normal interval,
-- clipped to [0, 1] (or to the value when attended hours exceed planned).
with days as (
    select
        fct_attendance.initiative_id,
        fct_attendance.partnership_id,
        fct_attendance.person_key,
        fct_attendance.attended_hours,
        fct_attendance.planned_hours,
        {{ half_year_start('fct_attendance.attendance_date') }} as period_start
    from {{ ref('fct_attendance') }} as fct_attendance
    cross join {{ ref('int_as_of') }} as as_of
    where fct_attendance.attendance_date <= as_of.as_of_date
),

by_partnership as (
    select
        initiative_id,
        partnership_id,
        period_start,
        person_key,
        sum(attended_hours) as attended,
        sum(planned_hours) as planned
    from days
    group by initiative_id, partnership_id, period_start, person_key
),

by_initiative as (
    select
        initiative_id,
        'ALL' as partnership_id,
        period_start,
        person_key,
        sum(attended_hours) as attended,
        sum(planned_hours) as planned
    from days
    group by initiative_id, period_start, person_key
),

per_participant as (
    select * from by_partnership
    where planned > 0
    union all
    select * from by_initiative
    where planned > 0
),

cells as (
    select
        initiative_id,
        partnership_id,
        period_start,
        count(*) as n,
        sum(attended) as numerator,
        sum(planned) as denominator,
        sum(attended) / sum(planned) as value
    from per_participant
    group by initiative_id, partnership_id, period_start
),

spread as (
    select
        cells.initiative_id,
        cells.partnership_id,
        cells.period_start,
        sum(power(per_participant.attended - cells.value * per_participant.planned, 2))
            as sum_sq_residual
    from cells
    inner join per_participant
        on
            cells.initiative_id = per_participant.initiative_id
            and cells.partnership_id = per_participant.partnership_id
            and cells.period_start = per_participant.period_start
    group by cells.initiative_id, cells.partnership_id, cells.period_start
),

with_se as (
    select
        cells.*,
        case
            when cells.n > 1
                then sqrt(cells.n / (cells.n - 1.0) * spread.sum_sq_residual) / cells.denominator
        end as standard_error
    from cells
    inner join spread
        on
            cells.initiative_id = spread.initiative_id
            and cells.partnership_id = spread.partnership_id
            and cells.period_start = spread.period_start
),

final as (
    select
        'attendance_rate' as metric_id,
        initiative_id,
        partnership_id,
        period_start,
        n,
        numerator,
        denominator,
        value,
        greatest(0.0, value - {{ var('z_95') }} * standard_error) as ci_low,
        least(greatest(1.0, value), value + {{ var('z_95') }} * standard_error) as ci_high
    from with_se
)

select * from final
