
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select metric_id
from marts.metric_values
where metric_id is null



  
  
      
    ) dbt_internal_test