
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  select follow_up_rate
from marts.initiative_comparability
where follow_up_rate < 0 or follow_up_rate > 1

  
  
      
    ) dbt_internal_test