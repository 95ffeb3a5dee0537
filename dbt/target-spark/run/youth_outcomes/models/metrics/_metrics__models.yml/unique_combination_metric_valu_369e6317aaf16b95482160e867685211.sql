
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  select metric_id, population, initiative_id, partnership_id, period_type, period_start, subgroup_type, subgroup
from marts.metric_values
group by metric_id, population, initiative_id, partnership_id, period_type, period_start, subgroup_type, subgroup
having count(*) > 1

  
  
      
    ) dbt_internal_test