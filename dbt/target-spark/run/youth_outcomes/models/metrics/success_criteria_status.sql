
  
    
        create table marts.success_criteria_status
      
      
      
      
      
      
      
      

      as
      -- Each success criterion judged on its cumulative value (initiative start to the as-of date),
-- with a status that respects uncertainty:
--   proportions and means: met (95 % interval wholly on the right side of the target), not met
--   (wholly on the wrong side), too early to tell (straddles), insufficient data (n < min_n);
--   counts: met when reached, not met when the due date passed, else on track / behind by the
--   pace needed since the initiative started.
-- A criterion on a survivor population (min_365_days) also shows the full cohort's value, since
-- a population of those who stayed a year flatters an initiative that loses its hardest cases.
with criteria as (
    select * from reference.success_criteria
),

catalogue as (
    select * from reference.metric_catalogue
),

cumulative as (
    select * from marts.metric_values
    where period_type = 'cumulative' and partnership_id = 'ALL' and subgroup_type = 'all'
),

judged as (
    select
        criteria.*,
        catalogue.kind,
        initiatives.started_on,
        as_of.as_of_date,
        current_value.n,
        current_value.numerator,
        current_value.denominator,
        current_value.value,
        current_value.ci_low,
        current_value.ci_high,
        full_cohort.value as full_cohort_value,
        full_cohort.n as full_cohort_n,
        full_cohort.ci_low as full_cohort_ci_low,
        full_cohort.ci_high as full_cohort_ci_high,
        criteria.target * greatest(0.0, least(
            1.0,
            datediff(cast(as_of.as_of_date as date), cast(initiatives.started_on as date))
            / nullif(datediff(cast(criteria.due_date as date), cast(initiatives.started_on as date)), 0)
        )) as pace_target
    from criteria
    inner join catalogue on criteria.metric_id = catalogue.metric_id
    inner join marts.dim_initiative as initiatives
        on criteria.initiative_id = initiatives.initiative_id
    cross join intermediate.int_as_of as as_of
    left join cumulative as current_value
        on
            criteria.initiative_id = current_value.initiative_id
            and criteria.metric_id = current_value.metric_id
            and criteria.population = current_value.population
    left join cumulative as full_cohort
        on
            criteria.initiative_id = full_cohort.initiative_id
            and criteria.metric_id = full_cohort.metric_id
            and criteria.population != 'all'
            and full_cohort.population = 'all'
),

final as (
    select
        criterion_id,
        initiative_id,
        funder,
        metric_id,
        population,
        comparator,
        target,
        due_date,
        as_of_date,
        description_da,
        description_en,
        n,
        numerator,
        denominator,
        value,
        ci_low,
        ci_high,
        full_cohort_value,
        full_cohort_n,
        full_cohort_ci_low,
        full_cohort_ci_high,
        case
            when kind = 'count'
                then
                    case
                        when comparator = '>=' and coalesce(value, 0) >= target then 'met'
                        when comparator = '<=' and coalesce(value, 0) <= target then 'met'
                        when as_of_date >= due_date then 'not_met'
                        when comparator = '>=' and coalesce(value, 0) >= pace_target then 'on_track'
                        else 'behind'
                    end
            when value is null or coalesce(denominator, n) < coalesce(min_n, 10)
                then 'insufficient_data'
            when comparator = '>=' and ci_low >= target then 'met'
            when comparator = '>=' and ci_high < target then 'not_met'
            when comparator = '<=' and ci_high <= target then 'met'
            when comparator = '<=' and ci_low > target then 'not_met'
            else 'too_early_to_tell'
        end as status,
        case when kind = 'count' then pace_target end as pace_target
    from judged
)

select * from final
  