
    -- Build actual result given inputs
with dbt_internal_unit_test_actual as (
  select
    `metric_id`,`partnership_id`,`n`,`value`,`numerator`,`denominator`,`ci_low`,`ci_high`,`detail`, 'actual' as `actual_or_expected`
  from (
    -- Count, proportion and mean metrics for every cell (initiative x partnership/ALL x period x
-- subgroup): n participants, numerator, denominator, value and 95 % interval --
-- Wilson for proportions, Student's t for means.
with  __dbt__cte__int_metric_units as (

-- Fixture for int_metric_units
select try_cast('enrolled' as string) as `metric_id`, try_cast('all' as string) as `population`, try_cast(null as string) as `enrolment_key`, try_cast('a' as string) as `person_key`, try_cast('2024-02-01' as date) as `anchor_date`, try_cast(null as string) as `detail`, try_cast(1 as double) as `x`, try_cast('I' as string) as `initiative_id`, try_cast('P1' as string) as `partnership_id`, try_cast(null as string) as `age_band`, try_cast(null as string) as `gender`, try_cast(null as string) as `impairment_group`
union all
select try_cast('enrolled' as string) as `metric_id`, try_cast('all' as string) as `population`, try_cast(null as string) as `enrolment_key`, try_cast('b' as string) as `person_key`, try_cast('2024-03-01' as date) as `anchor_date`, try_cast(null as string) as `detail`, try_cast(1 as double) as `x`, try_cast('I' as string) as `initiative_id`, try_cast('P2' as string) as `partnership_id`, try_cast(null as string) as `age_band`, try_cast(null as string) as `gender`, try_cast(null as string) as `impairment_group`
union all
select try_cast('attached_at_exit' as string) as `metric_id`, try_cast('ended' as string) as `population`, try_cast(null as string) as `enrolment_key`, try_cast('a' as string) as `person_key`, try_cast('2024-05-01' as date) as `anchor_date`, try_cast(null as string) as `detail`, try_cast(1 as double) as `x`, try_cast('I' as string) as `initiative_id`, try_cast('P1' as string) as `partnership_id`, try_cast(null as string) as `age_band`, try_cast(null as string) as `gender`, try_cast(null as string) as `impairment_group`
union all
select try_cast('attached_at_exit' as string) as `metric_id`, try_cast('ended' as string) as `population`, try_cast(null as string) as `enrolment_key`, try_cast('b' as string) as `person_key`, try_cast('2024-05-01' as date) as `anchor_date`, try_cast(null as string) as `detail`, try_cast(1 as double) as `x`, try_cast('I' as string) as `initiative_id`, try_cast('P1' as string) as `partnership_id`, try_cast(null as string) as `age_band`, try_cast(null as string) as `gender`, try_cast(null as string) as `impairment_group`
union all
select try_cast('attached_at_exit' as string) as `metric_id`, try_cast('ended' as string) as `population`, try_cast(null as string) as `enrolment_key`, try_cast('c' as string) as `person_key`, try_cast('2024-05-01' as date) as `anchor_date`, try_cast(null as string) as `detail`, try_cast(1 as double) as `x`, try_cast('I' as string) as `initiative_id`, try_cast('P1' as string) as `partnership_id`, try_cast(null as string) as `age_band`, try_cast(null as string) as `gender`, try_cast(null as string) as `impairment_group`
union all
select try_cast('attached_at_exit' as string) as `metric_id`, try_cast('ended' as string) as `population`, try_cast(null as string) as `enrolment_key`, try_cast('d' as string) as `person_key`, try_cast('2024-05-01' as date) as `anchor_date`, try_cast(null as string) as `detail`, try_cast(0 as double) as `x`, try_cast('I' as string) as `initiative_id`, try_cast('P1' as string) as `partnership_id`, try_cast(null as string) as `age_band`, try_cast(null as string) as `gender`, try_cast(null as string) as `impairment_group`
union all
select try_cast('progression_change_wellbeing' as string) as `metric_id`, try_cast('all' as string) as `population`, try_cast(null as string) as `enrolment_key`, try_cast('a' as string) as `person_key`, try_cast('2024-05-01' as date) as `anchor_date`, try_cast('TRIVSEL5' as string) as `detail`, try_cast(2 as double) as `x`, try_cast('I' as string) as `initiative_id`, try_cast('P1' as string) as `partnership_id`, try_cast(null as string) as `age_band`, try_cast(null as string) as `gender`, try_cast(null as string) as `impairment_group`
union all
select try_cast('progression_change_wellbeing' as string) as `metric_id`, try_cast('all' as string) as `population`, try_cast(null as string) as `enrolment_key`, try_cast('b' as string) as `person_key`, try_cast('2024-05-01' as date) as `anchor_date`, try_cast('TRIVSEL5' as string) as `detail`, try_cast(4 as double) as `x`, try_cast('I' as string) as `initiative_id`, try_cast('P1' as string) as `partnership_id`, try_cast(null as string) as `age_band`, try_cast(null as string) as `gender`, try_cast(null as string) as `impairment_group`
union all
select try_cast('progression_change_wellbeing' as string) as `metric_id`, try_cast('all' as string) as `population`, try_cast(null as string) as `enrolment_key`, try_cast('c' as string) as `person_key`, try_cast('2024-05-01' as date) as `anchor_date`, try_cast('TRIVSEL5' as string) as `detail`, try_cast(9 as double) as `x`, try_cast('I' as string) as `initiative_id`, try_cast('P1' as string) as `partnership_id`, try_cast(null as string) as `age_band`, try_cast(null as string) as `gender`, try_cast(null as string) as `impairment_group`
),  __dbt__cte__metric_catalogue as (

-- Fixture for metric_catalogue
select try_cast('enrolled' as string) as `metric_id`, try_cast('count' as string) as `kind`, try_cast(null as string) as `name_da`, try_cast(null as string) as `name_en`, try_cast(null as string) as `definition_da`, try_cast(null as string) as `definition_en`, try_cast(null as string) as `numerator`, try_cast(null as string) as `denominator`, try_cast(null as string) as `unit`, try_cast(null as boolean) as `higher_is_better`, try_cast(null as string) as `anchor`, try_cast(null as string) as `interval_method`
union all
select try_cast('attached_at_exit' as string) as `metric_id`, try_cast('proportion' as string) as `kind`, try_cast(null as string) as `name_da`, try_cast(null as string) as `name_en`, try_cast(null as string) as `definition_da`, try_cast(null as string) as `definition_en`, try_cast(null as string) as `numerator`, try_cast(null as string) as `denominator`, try_cast(null as string) as `unit`, try_cast(null as boolean) as `higher_is_better`, try_cast(null as string) as `anchor`, try_cast(null as string) as `interval_method`
union all
select try_cast('progression_change_wellbeing' as string) as `metric_id`, try_cast('mean' as string) as `kind`, try_cast(null as string) as `name_da`, try_cast(null as string) as `name_en`, try_cast(null as string) as `definition_da`, try_cast(null as string) as `definition_en`, try_cast(null as string) as `numerator`, try_cast(null as string) as `denominator`, try_cast(null as string) as `unit`, try_cast(null as boolean) as `higher_is_better`, try_cast(null as string) as `anchor`, try_cast(null as string) as `interval_method`
),  __dbt__cte__dim_initiative as (

-- Fixture for dim_initiative
select try_cast('I' as string) as `initiative_id`, try_cast(null as string) as `initiative_name`, try_cast(null as string) as `kind`, try_cast(null as string) as `target_group`, try_cast('2024-01-01' as date) as `started_on`, try_cast(null as bigint) as `partnerships`
),  __dbt__cte__t_quantiles as (

-- Fixture for t_quantiles
select try_cast(2 as int) as `df`, try_cast(4.302652729749462 as double) as `t_975`
union all
select try_cast(3 as int) as `df`, try_cast(3.182446305284263 as double) as `t_975`
), units as (
    select * from __dbt__cte__int_metric_units
),

catalogue as (
    select * from __dbt__cte__metric_catalogue
),

expanded as (
    select
        src.metric_id,
        src.population,
        src.person_key,
        src.detail,
        src.x,
        src.initiative_id,
        case when rollups.to_all then 'ALL' else src.partnership_id end as partnership_id,
        
            periods.period_type,
            case periods.period_type
        when 'quarter' then cast(date_trunc('quarter', src.anchor_date) as date)
        when 'half_year' then cast(add_months(date_trunc('year', src.anchor_date), cast(((case when extract(month from src.anchor_date) > 6 then 6 else 0 end)) * 1 as int)) as date)
        when 'year' then cast(date_trunc('year', src.anchor_date) as date)
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
    from units as src
    inner join __dbt__cte__dim_initiative as initiatives
        on src.initiative_id = initiatives.initiative_id
    
        cross join (values ('cumulative'))
        as periods (period_type)
    
    cross join
        (values ('all'))
            as subgroups (subgroup_type)
    cross join (values (false), (true)) as rollups (to_all)
),

cells as (
    select
        expanded.metric_id,
        expanded.population,
        expanded.initiative_id, expanded.partnership_id, expanded.period_type, expanded.period_start, expanded.subgroup_type, expanded.subgroup,
        count(distinct expanded.person_key) as n,
        count(*) as units,
        sum(expanded.x) as sum_x,
        avg(expanded.x) as mean_x,
        stddev_samp(expanded.x) as sd_x,
        case
        when count(expanded.detail) > 0
            then array_join(array_sort(collect_set(expanded.detail)), ', ')
    end as detail
    from expanded
    group by expanded.metric_id, expanded.population, expanded.initiative_id, expanded.partnership_id, expanded.period_type, expanded.period_start, expanded.subgroup_type, expanded.subgroup
),

with_t as (
    select
        cells.*,
        catalogue.kind,
        coalesce(t_quantiles.t_975,
        cast(1.959963984540054 as double)
        + (power(cast(1.959963984540054 as double), 3) + cast(1.959963984540054 as double)) / (4.0 * (cells.units - 1))
        + (5 * power(cast(1.959963984540054 as double), 5) + 16 * power(cast(1.959963984540054 as double), 3) + 3 * cast(1.959963984540054 as double))
            / (96.0 * power(cells.units - 1, 2))
        + (3 * power(cast(1.959963984540054 as double), 7) + 19 * power(cast(1.959963984540054 as double), 5)
            + 17 * power(cast(1.959963984540054 as double), 3) - 15 * cast(1.959963984540054 as double)) / (384.0 * power(cells.units - 1, 3))
        + (79 * power(cast(1.959963984540054 as double), 9) + 776 * power(cast(1.959963984540054 as double), 7)
            + 1482 * power(cast(1.959963984540054 as double), 5) - 1920 * power(cast(1.959963984540054 as double), 3)
            - 945 * cast(1.959963984540054 as double)) / (92160.0 * power(cells.units - 1, 4))) as t_crit
    from cells
    inner join catalogue on cells.metric_id = catalogue.metric_id
    left join __dbt__cte__t_quantiles as t_quantiles on cells.units - 1 = t_quantiles.df
),

final as (
    select
        metric_id,
        population,
        initiative_id, partnership_id, period_type, period_start, subgroup_type, subgroup,
        n,
        case when kind = 'mean' then cast(null as double) else sum_x end as numerator,
        case when kind = 'count' then cast(null as double) else cast(units as double) end
            as denominator,
        case when kind = 'count' then cast(units as double) else mean_x end as value,
        case
            when kind = 'proportion' then case when units > 0 then
        ((sum_x) / (units) + cast(1.959963984540054 as double) * cast(1.959963984540054 as double) / (2.0 * (units))
         - cast(1.959963984540054 as double) * sqrt((sum_x) / (units) * (1 - (sum_x) / (units)) / (units)
                          + cast(1.959963984540054 as double) * cast(1.959963984540054 as double) / (4.0 * (units) * (units))))
        / (1 + cast(1.959963984540054 as double) * cast(1.959963984540054 as double) / (units))
    end
            when kind = 'mean' and units > 1 then mean_x - t_crit * sd_x / sqrt(units)
        end as ci_low,
        case
            when kind = 'proportion' then case when units > 0 then
        ((sum_x) / (units) + cast(1.959963984540054 as double) * cast(1.959963984540054 as double) / (2.0 * (units))
         + cast(1.959963984540054 as double) * sqrt((sum_x) / (units) * (1 - (sum_x) / (units)) / (units)
                          + cast(1.959963984540054 as double) * cast(1.959963984540054 as double) / (4.0 * (units) * (units))))
        / (1 + cast(1.959963984540054 as double) * cast(1.959963984540054 as double) / (units))
    end
            when kind = 'mean' and units > 1 then mean_x + t_crit * sd_x / sqrt(units)
        end as ci_high,
        case
            when detail is not null then 'instruments: ' || detail
        end as detail
    from with_t
)

select * from final
  ) _dbt_internal_unit_test_actual
),
-- Build expected result
dbt_internal_unit_test_expected as (
  select
    `metric_id`, `partnership_id`, `n`, `value`, `numerator`, `denominator`, `ci_low`, `ci_high`, `detail`, 'expected' as `actual_or_expected`
  from (
    select try_cast('enrolled' as string) as `metric_id`, try_cast('P1' as string) as `partnership_id`, try_cast(1 as bigint) as `n`, try_cast(1 as double) as `value`, try_cast(1 as double) as `numerator`, try_cast(null as double) as `denominator`, try_cast(null as double) as `ci_low`, try_cast(null as double) as `ci_high`, try_cast(null as string) as `detail`
union all
select try_cast('enrolled' as string) as `metric_id`, try_cast('P2' as string) as `partnership_id`, try_cast(1 as bigint) as `n`, try_cast(1 as double) as `value`, try_cast(1 as double) as `numerator`, try_cast(null as double) as `denominator`, try_cast(null as double) as `ci_low`, try_cast(null as double) as `ci_high`, try_cast(null as string) as `detail`
union all
select try_cast('enrolled' as string) as `metric_id`, try_cast('ALL' as string) as `partnership_id`, try_cast(2 as bigint) as `n`, try_cast(2 as double) as `value`, try_cast(2 as double) as `numerator`, try_cast(null as double) as `denominator`, try_cast(null as double) as `ci_low`, try_cast(null as double) as `ci_high`, try_cast(null as string) as `detail`
union all
select try_cast('attached_at_exit' as string) as `metric_id`, try_cast('P1' as string) as `partnership_id`, try_cast(4 as bigint) as `n`, try_cast(0.75 as double) as `value`, try_cast(3 as double) as `numerator`, try_cast(4 as double) as `denominator`, try_cast(0.3006418425824019 as double) as `ci_low`, try_cast(0.9544127391902995 as double) as `ci_high`, try_cast(null as string) as `detail`
union all
select try_cast('attached_at_exit' as string) as `metric_id`, try_cast('ALL' as string) as `partnership_id`, try_cast(4 as bigint) as `n`, try_cast(0.75 as double) as `value`, try_cast(3 as double) as `numerator`, try_cast(4 as double) as `denominator`, try_cast(0.3006418425824019 as double) as `ci_low`, try_cast(0.9544127391902995 as double) as `ci_high`, try_cast(null as string) as `detail`
union all
select try_cast('progression_change_wellbeing' as string) as `metric_id`, try_cast('P1' as string) as `partnership_id`, try_cast(3 as bigint) as `n`, try_cast(5 as double) as `value`, try_cast(null as double) as `numerator`, try_cast(3 as double) as `denominator`, try_cast(-3.9566858950295973 as double) as `ci_low`, try_cast(13.956685895029597 as double) as `ci_high`, try_cast('instruments: TRIVSEL5' as string) as `detail`
union all
select try_cast('progression_change_wellbeing' as string) as `metric_id`, try_cast('ALL' as string) as `partnership_id`, try_cast(3 as bigint) as `n`, try_cast(5 as double) as `value`, try_cast(null as double) as `numerator`, try_cast(3 as double) as `denominator`, try_cast(-3.9566858950295973 as double) as `ci_low`, try_cast(13.956685895029597 as double) as `ci_high`, try_cast('instruments: TRIVSEL5' as string) as `detail`
  ) _dbt_internal_unit_test_expected
)
-- Union actual and expected results
select * from dbt_internal_unit_test_actual
union all
select * from dbt_internal_unit_test_expected