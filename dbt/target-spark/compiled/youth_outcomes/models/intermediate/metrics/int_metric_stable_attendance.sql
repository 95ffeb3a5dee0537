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
    from marts.fct_attendance as fct_attendance
    inner join marts.fct_enrolment as fct_enrolment
        on fct_attendance.enrolment_key = fct_enrolment.enrolment_key
    where fct_attendance.attendance_date <= fct_enrolment.as_of_date
),

periods as (
    select distinct
        days.initiative_id,
        kinds.period_type,
        case kinds.period_type
        when 'quarter' then cast(date_trunc('quarter', days.attendance_date) as date)
        when 'half_year' then cast(add_months(date_trunc('year', days.attendance_date), cast(((case when extract(month from days.attendance_date) > 6 then 6 else 0 end)) * 1 as int)) as date)
        when 'year' then cast(date_trunc('year', days.attendance_date) as date)
        else initiatives.started_on
    end
            as period_start,
        days.as_of_date
    from days
    inner join marts.dim_initiative as initiatives
        on days.initiative_id = initiatives.initiative_id
    cross join
        (
            values                 ('quarter'),                                 ('half_year'),                                 ('year'),                                 ('cumulative')                
        )
            as kinds (period_type)
),

windows as (
    select
        initiative_id,
        period_type,
        period_start,
        least(case period_type
        when 'quarter'
            then cast(date_add(add_months(period_start, cast((3) * 1 as int)),
                 cast((-1) * 1 as int)) as date)
        when 'half_year'
            then cast(date_add(add_months(period_start, cast((6) * 1 as int)),
                 cast((-1) * 1 as int)) as date)
        when 'year'
            then cast(date_add(add_months(period_start, cast((12) * 1 as int)),
                 cast((-1) * 1 as int)) as date)
        else as_of_date
    end, as_of_date)
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
            > cast(date_add(windows.window_end,
                 cast((-28) * 1 as int)) as date)
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
    select
        src.person_key,
        src.x,
        src.initiative_id,
        case when rollups.to_all then 'ALL' else src.partnership_id end as partnership_id,
        
            src.period_type,
            src.period_start,
        
        subgroups.subgroup_type,
        case subgroups.subgroup_type
            when 'age_band' then src.age_band
            when 'gender' then src.gender
            when 'impairment_group' then src.impairment_group
            else 'all'
        end as subgroup
    from units as src
    inner join marts.dim_initiative as initiatives
        on src.initiative_id = initiatives.initiative_id
    
    cross join
        (values ('all'), ('age_band'), ('gender'), ('impairment_group'))
            as subgroups (subgroup_type)
    cross join (values (false), (true)) as rollups (to_all)
),

cells as (
    select
        initiative_id, partnership_id, period_type, period_start, subgroup_type, subgroup,
        count(distinct person_key) as n,
        count(*) as units,
        sum(x) as sum_x
    from expanded
    group by initiative_id, partnership_id, period_type, period_start, subgroup_type, subgroup
),

final as (
    select
        'stable_attendance' as metric_id,
        'all' as population,
        initiative_id, partnership_id, period_type, period_start, subgroup_type, subgroup,
        n,
        sum_x as numerator,
        cast(units as double) as denominator,
        sum_x / units as value,
        case when units > 0 then
        ((sum_x) / (units) + cast(1.959963984540054 as double) * cast(1.959963984540054 as double) / (2.0 * (units))
         - cast(1.959963984540054 as double) * sqrt((sum_x) / (units) * (1 - (sum_x) / (units)) / (units)
                          + cast(1.959963984540054 as double) * cast(1.959963984540054 as double) / (4.0 * (units) * (units))))
        / (1 + cast(1.959963984540054 as double) * cast(1.959963984540054 as double) / (units))
    end as ci_low,
        case when units > 0 then
        ((sum_x) / (units) + cast(1.959963984540054 as double) * cast(1.959963984540054 as double) / (2.0 * (units))
         + cast(1.959963984540054 as double) * sqrt((sum_x) / (units) * (1 - (sum_x) / (units)) / (units)
                          + cast(1.959963984540054 as double) * cast(1.959963984540054 as double) / (4.0 * (units) * (units))))
        / (1 + cast(1.959963984540054 as double) * cast(1.959963984540054 as double) / (units))
    end as ci_high,
        cast(null as string) as detail
    from cells
)

select * from final