-- stable_attendance: among participants with planned hours in the last 28 days of the period
-- (up to the as-of date), the share who attended at least 80 % of those hours. Wilson interval.
with days as (
    select
        fct_attendance.enrolment_key,
        fct_attendance.person_key,
        fct_attendance.initiative_id,
        fct_attendance.partnership_id,
        fct_attendance.attendance_date,
        fct_attendance.attended_hours,
        fct_attendance.planned_hours,
        fct_enrolment.age_band,
        fct_enrolment.gender,
        fct_enrolment.impairment_group,
        fct_enrolment.as_of_date
    from {{ ref('fct_attendance') }} as fct_attendance
    inner join {{ ref('fct_enrolment') }} as fct_enrolment
        on fct_attendance.enrolment_key = fct_enrolment.enrolment_key
    where fct_attendance.attendance_date <= fct_enrolment.as_of_date
),

periods as (
    select distinct
        days.initiative_id,
        kinds.period_type,
        {{ period_start('kinds.period_type', 'days.attendance_date', 'initiatives.started_on') }}
            as period_start,
        days.as_of_date
    from days
    inner join {{ ref('dim_initiative') }} as initiatives
        on days.initiative_id = initiatives.initiative_id
    cross join
        (
            values {% for p in var('metric_periods') %}                ('{{ p }}'){{ ', ' if not loop.last }}                {% endfor %}
        )
            as kinds (period_type)
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

per_participant as (
    select
        windows.period_type,
        windows.period_start,
        days.enrolment_key,
        days.person_key,
        days.initiative_id,
        days.partnership_id,
        days.age_band,
        days.gender,
        days.impairment_group,
        sum(days.attended_hours) as attended,
        sum(days.planned_hours) as planned
    from days
    inner join windows
        on
            days.initiative_id = windows.initiative_id
            and days.attendance_date <= windows.window_end
            and days.attendance_date
            > cast({{ dbt.dateadd('day', -28, 'windows.window_end') }} as date)
    group by
        windows.period_type,
        windows.period_start,
        days.enrolment_key,
        days.person_key,
        days.initiative_id,
        days.partnership_id,
        days.age_band,
        days.gender,
        days.impairment_group
    having sum(days.planned_hours) > 0
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
