-- stable_attendance: among participants with planned hours in the last 28 days of the period
-- (up to the as-of date), the share who attended at least 80 % of those hours. Wilson interval.
--
-- Every window ends at a quarter end (quarters, half-years and years all end on one) or at the
-- as-of date (the current period, cumulative), and quarter ends are months apart: a day can
-- only fall in the window ending at its own quarter's end or in the one ending at the as-of
-- date. So each day is tied to those (at most two) window ends and joined to the windows on
-- equality, instead of comparing every day with every window of its initiative.
with days as (
    select
        fct_attendance.enrolment_key,
        fct_attendance.initiative_id,
        fct_attendance.attendance_date,
        fct_attendance.attended_hours,
        fct_attendance.planned_hours,
        fct_enrolment.as_of_date
    from {{ ref('fct_attendance') }} as fct_attendance
    inner join {{ ref('fct_enrolment') }} as fct_enrolment
        on fct_attendance.enrolment_key = fct_enrolment.enrolment_key
    where fct_attendance.attendance_date <= fct_enrolment.as_of_date
),

months as (
    -- the periods below only need each initiative's months with attendance
    select distinct
        initiative_id,
        cast({{ dbt.date_trunc('month', 'attendance_date') }} as date) as month_start,
        as_of_date
    from days
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

quarter_starts as (
    select
        days.*,
        cast({{ dbt.date_trunc('quarter', 'days.attendance_date') }} as date) as quarter_start
    from days
),

day_windows as (
    select
        quarter_starts.*,
        cast(
            {{ dbt.dateadd('day', -1, dbt.dateadd('month', 3, 'quarter_starts.quarter_start')) }}
            as date
        ) as quarter_end
    from quarter_starts
),

near_window_end as (
    select
        day_windows.*,
        day_windows.quarter_end as window_end
    from day_windows
    where
        day_windows.quarter_end < day_windows.as_of_date
        and day_windows.attendance_date
        > cast({{ dbt.dateadd('day', -28, 'day_windows.quarter_end') }} as date)
    union all
    select
        day_windows.*,
        day_windows.as_of_date as window_end
    from day_windows
    where
        day_windows.attendance_date
        > cast({{ dbt.dateadd('day', -28, 'day_windows.as_of_date') }} as date)
),

per_window as (
    -- an enrolment's hours in one window: the same for every period the window closes
    select
        initiative_id,
        window_end,
        enrolment_key,
        sum(attended_hours) as attended,
        sum(planned_hours) as planned
    from near_window_end
    group by initiative_id, window_end, enrolment_key
    having sum(planned_hours) > 0
),

per_participant as (
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
),

units as (
    select
        *,
        cast(case when attended >= 0.8 * planned then 1 else 0 end as double) as x
    from per_participant
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
        {{ cell_keys() }},
        n,
        sum_x as numerator,
        cast(units as double) as denominator,
        sum_x / units as value,
        {{ wilson_low('sum_x', 'units') }} as ci_low,
        {{ wilson_high('sum_x', 'units') }} as ci_high,
        cast(null as {{ dbt.type_string() }}) as detail
    from cells
)

select * from final
