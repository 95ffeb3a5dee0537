
    -- Build actual result given inputs
with dbt_internal_unit_test_actual as (
  select
    `partnership_id`,`period_start`,`n`,`numerator`,`denominator`,`value`,`ci_low`,`ci_high`, 'actual' as `actual_or_expected`
  from (
    -- attendance_rate: attended / planned hours per cell, consenting participants only
-- (fct_attendance holds no one else).
--
-- Interval: days cluster within participants, so each participant is one cluster. The value is
-- the ratio of sums R = sum(A_i) / sum(P_i) over participants i; its linearised (HC1) variance is
-- n / (n - 1) * sum((A_i - R * P_i)^2) / sum(P_i)^2, the same as a weighted least-squares fit of
-- the participants' rates with weights P_i and HC1 standard errors. 95 % normal interval,
-- clipped to [0, 1] (or to the value when attended hours exceed planned).
-- Aggregated from fct_attendance_monthly (incremental), so a run never re-reads all days; with
-- an as_of var inside a month, that whole month counts.
with  __dbt__cte__fct_attendance_monthly as (

-- Fixture for fct_attendance_monthly
select try_cast('ea' as string) as `enrolment_key`, try_cast('a' as string) as `person_key`, try_cast('I' as string) as `initiative_id`, try_cast('P' as string) as `partnership_id`, try_cast(8 as double) as `planned_hours`, try_cast(6 as double) as `attended_hours`, try_cast(null as bigint) as `_delivery_seq`, try_cast('2024-02-01' as date) as `attendance_month`
union all
select try_cast('eb' as string) as `enrolment_key`, try_cast('b' as string) as `person_key`, try_cast('I' as string) as `initiative_id`, try_cast('P' as string) as `partnership_id`, try_cast(4 as double) as `planned_hours`, try_cast(2 as double) as `attended_hours`, try_cast(null as bigint) as `_delivery_seq`, try_cast('2024-02-01' as date) as `attendance_month`
),  __dbt__cte__fct_enrolment as (

-- Fixture for fct_enrolment
select try_cast('ea' as string) as `enrolment_key`, try_cast(null as string) as `person_key`, try_cast(null as string) as `partner`, try_cast(null as string) as `initiative_id`, try_cast(null as string) as `partnership_id`, try_cast(null as date) as `start_date`, try_cast(null as date) as `end_date`, try_cast(null as string) as `exit_status`, try_cast(null as string) as `exit_group`, try_cast(null as boolean) as `has_consent`, try_cast('F' as string) as `gender`, try_cast(null as int) as `birth_year`, try_cast(null as int) as `age_at_start`, try_cast('18-24' as string) as `age_band`, try_cast(null as boolean) as `impairment_cognitive`, try_cast(null as boolean) as `impairment_physical`, try_cast(null as boolean) as `impairment_psychological`, try_cast('none' as string) as `impairment_group`, try_cast(null as boolean) as `is_ended`, try_cast('2024-06-30' as date) as `as_of_date`, try_cast(null as int) as `days_in_programme`
union all
select try_cast('eb' as string) as `enrolment_key`, try_cast(null as string) as `person_key`, try_cast(null as string) as `partner`, try_cast(null as string) as `initiative_id`, try_cast(null as string) as `partnership_id`, try_cast(null as date) as `start_date`, try_cast(null as date) as `end_date`, try_cast(null as string) as `exit_status`, try_cast(null as string) as `exit_group`, try_cast(null as boolean) as `has_consent`, try_cast('M' as string) as `gender`, try_cast(null as int) as `birth_year`, try_cast(null as int) as `age_at_start`, try_cast('18-24' as string) as `age_band`, try_cast(null as boolean) as `impairment_cognitive`, try_cast(null as boolean) as `impairment_physical`, try_cast(null as boolean) as `impairment_psychological`, try_cast('none' as string) as `impairment_group`, try_cast(null as boolean) as `is_ended`, try_cast('2024-06-30' as date) as `as_of_date`, try_cast(null as int) as `days_in_programme`
),  __dbt__cte__dim_initiative as (

-- Fixture for dim_initiative
select try_cast('I' as string) as `initiative_id`, try_cast(null as string) as `initiative_name`, try_cast(null as string) as `kind`, try_cast(null as string) as `target_group`, try_cast('2024-01-01' as date) as `started_on`, try_cast(null as bigint) as `partnerships`
), monthly as (
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
    from __dbt__cte__fct_attendance_monthly as monthly
    inner join __dbt__cte__fct_enrolment as fct_enrolment
        on monthly.enrolment_key = fct_enrolment.enrolment_key
    where monthly.attendance_month <= fct_enrolment.as_of_date
),

expanded as (
    select
        src.person_key,
        src.attended,
        src.planned,
        src.initiative_id,
        case when rollups.to_all then 'ALL' else src.partnership_id end as partnership_id,
        
            periods.period_type,
            case periods.period_type
        when 'quarter' then cast(date_trunc('quarter', src.month_start) as date)
        when 'half_year' then cast(add_months(date_trunc('year', src.month_start), cast(((case when extract(month from src.month_start) > 6 then 6 else 0 end)) * 1 as int)) as date)
        when 'year' then cast(date_trunc('year', src.month_start) as date)
        else initiatives.started_on
    end
                as period_start,
        
        subgroups.subgroup_type,
        case subgroups.subgroup_type
            when 'age_band' then src.age_band
            when 'gender' then src.gender
            when 'impairment_group' then src.impairment_group
            else 'all'
        end as subgroup
    from monthly as src
    inner join __dbt__cte__dim_initiative as initiatives
        on src.initiative_id = initiatives.initiative_id
    
        cross join (values ('half_year'))
        as periods (period_type)
    
    cross join
        (values ('all'))
            as subgroups (subgroup_type)
    cross join (values (false), (true)) as rollups (to_all)
),

per_participant as (
    select
        initiative_id, partnership_id, period_type, period_start, subgroup_type, subgroup,
        person_key,
        sum(attended) as attended,
        sum(planned) as planned
    from expanded
    group by initiative_id, partnership_id, period_type, period_start, subgroup_type, subgroup, person_key
    having sum(planned) > 0
),

cells as (
    select
        initiative_id, partnership_id, period_type, period_start, subgroup_type, subgroup,
        count(*) as n,
        sum(attended) as numerator,
        sum(planned) as denominator,
        sum(attended) / sum(planned) as value
    from per_participant
    group by initiative_id, partnership_id, period_type, period_start, subgroup_type, subgroup
),

spread as (
    select
        cells.initiative_id, cells.partnership_id, cells.period_type, cells.period_start, cells.subgroup_type, cells.subgroup,
        sum(power(per_participant.attended - cells.value * per_participant.planned, 2))
            as sum_sq_residual
    from cells
    inner join per_participant
        on cells.initiative_id = per_participant.initiative_id and cells.partnership_id = per_participant.partnership_id and cells.period_type = per_participant.period_type and cells.period_start = per_participant.period_start and cells.subgroup_type = per_participant.subgroup_type and cells.subgroup = per_participant.subgroup
    group by cells.initiative_id, cells.partnership_id, cells.period_type, cells.period_start, cells.subgroup_type, cells.subgroup
),

with_se as (
    select
        cells.*,
        case
            when cells.n > 1
                then sqrt(cast(cells.n as double) / (cells.n - 1) * spread.sum_sq_residual) / cells.denominator
        end as standard_error
    from cells
    inner join spread
        on cells.initiative_id = spread.initiative_id and cells.partnership_id = spread.partnership_id and cells.period_type = spread.period_type and cells.period_start = spread.period_start and cells.subgroup_type = spread.subgroup_type and cells.subgroup = spread.subgroup
),

final as (
    select
        'attendance_rate' as metric_id,
        'all' as population,
        initiative_id, partnership_id, period_type, period_start, subgroup_type, subgroup,
        n,
        numerator,
        denominator,
        value,
        greatest(0.0, value - cast(1.959963984540054 as double) * standard_error) as ci_low,
        least(greatest(1.0, value), value + cast(1.959963984540054 as double) * standard_error) as ci_high,
        cast(null as string) as detail
    from with_se
)

select * from final
  ) _dbt_internal_unit_test_actual
),
-- Build expected result
dbt_internal_unit_test_expected as (
  select
    `partnership_id`, `period_start`, `n`, `numerator`, `denominator`, `value`, `ci_low`, `ci_high`, 'expected' as `actual_or_expected`
  from (
    select try_cast('P' as string) as `partnership_id`, try_cast('2024-01-01' as date) as `period_start`, try_cast(2 as bigint) as `n`, try_cast(8 as double) as `numerator`, try_cast(12 as double) as `denominator`, try_cast(0.6666666666666666 as double) as `value`, try_cast(0.4488928906066606 as double) as `ci_low`, try_cast(0.8844404427266727 as double) as `ci_high`
union all
select try_cast('ALL' as string) as `partnership_id`, try_cast('2024-01-01' as date) as `period_start`, try_cast(2 as bigint) as `n`, try_cast(8 as double) as `numerator`, try_cast(12 as double) as `denominator`, try_cast(0.6666666666666666 as double) as `value`, try_cast(0.4488928906066606 as double) as `ci_low`, try_cast(0.8844404427266727 as double) as `ci_high`
  ) _dbt_internal_unit_test_expected
)
-- Union actual and expected results
select * from dbt_internal_unit_test_actual
union all
select * from dbt_internal_unit_test_expected