
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select is_stale
from marts.dq_freshness
where is_stale is null



  
  
      
    ) dbt_internal_test