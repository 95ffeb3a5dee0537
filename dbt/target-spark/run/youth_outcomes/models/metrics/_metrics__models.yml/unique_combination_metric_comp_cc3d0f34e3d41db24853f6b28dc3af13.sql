
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  select metric_id, population, initiative_id, partnership_id, period_type, period_start
from marts.metric_comparison
group by metric_id, population, initiative_id, partnership_id, period_type, period_start
having count(*) > 1

  
  
      
    ) dbt_internal_test