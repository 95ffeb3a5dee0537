{{ config(materialized='view') }}
-- The units of stable_attendance: per period (up to the as-of date) and consenting enrolment
-- with planned hours in the period's last 28 days, the hours attended and planned in those days.
--
-- A period's window ends at its last day or at the as-of date, whichever is first. Quarters,
-- half-years and years all end at a quarter end, so a window either ends at a quarter end before
-- the as-of date -- and then it is the last 28 days of the quarter's last month, the closing
-- hours fct_attendance_monthly keeps (incremental) -- or at the as-of date, and then only the
-- last 28 days of attendance are read. No run reads all days again.
with as_of as (
    select
        as_of_date,
        cast({{ dbt.dateadd('day', -stable_window_days(), 'as_of_date') }} as date)
            as window_start
    from {{ ref('int_as_of') }}
),

monthly as (
    select
        monthly.*,
        as_of.as_of_date,
        {{ month_end('monthly.attendance_month') }} as month_end,
        {{ last_month_of_quarter('monthly.attendance_month') }} as last_month_of_quarter
    from {{ ref('fct_attendance_monthly') }} as monthly
    cross join as_of
    where monthly.first_attendance_date <= as_of.as_of_date
),

months as (
    -- the periods below only need each initiative's months with attendance. Read from the
    -- model, not from `monthly`: a second reader of that CTE makes DuckDB materialise it whole.
    select distinct
        attendance.initiative_id,
        attendance.attendance_month as month_start,
        as_of.as_of_date
    from {{ ref('fct_attendance_monthly') }} as attendance
    cross join as_of
    where attendance.first_attendance_date <= as_of.as_of_date
),

month_periods as (
    {{ in_periods('months', 'month_start') }}
),

periods as (
    select distinct
        initiative_id,
        period_type,
        period_start,
        as_of_date
    from month_periods
),

windows as (
    select
        initiative_id,
        period_type,
        period_start,
        least({{ period_end('period_type', 'period_start', 'as_of_date') }}, as_of_date)
            as window_end
    from periods
),

closing_windows as (
    -- windows ending at a quarter end before the as-of date: the quarter's last month's closing
    -- hours
    select
        initiative_id,
        month_end as window_end,
        enrolment_key,
        closing_attended_hours as attended,
        closing_planned_hours as planned
    from monthly
    where
        attendance_month = last_month_of_quarter
        and month_end < as_of_date
        and closing_planned_hours > 0
),

recent_days as (
    select
        fct_attendance.initiative_id,
        fct_attendance.enrolment_key,
        fct_attendance.attended_hours,
        fct_attendance.planned_hours,
        as_of.as_of_date
    from {{ ref('fct_attendance') }} as fct_attendance
    cross join as_of
    where
        fct_attendance.attendance_date <= as_of.as_of_date
        and fct_attendance.attendance_date > as_of.window_start
),

as_of_windows as (
    select
        initiative_id,
        as_of_date as window_end,
        enrolment_key,
        sum(attended_hours) as attended,
        sum(planned_hours) as planned
    from recent_days
    group by initiative_id, as_of_date, enrolment_key
    having sum(planned_hours) > 0
),

per_window as (
    select * from closing_windows
    union all
    select * from as_of_windows
),

final as (
    select
        windows.period_type,
        windows.period_start,
        per_window.enrolment_key,
        fct_enrolment.person_key,
        per_window.initiative_id,
        fct_enrolment.partnership_id,
        fct_enrolment.age_band,
        fct_enrolment.gender,
        fct_enrolment.impairment_group,
        per_window.attended,
        per_window.planned
    from per_window
    inner join windows
        on
            per_window.initiative_id = windows.initiative_id
            and per_window.window_end = windows.window_end
    inner join {{ ref('fct_enrolment') }} as fct_enrolment
        on per_window.enrolment_key = fct_enrolment.enrolment_key
)

select * from final
