
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select score
from staging.stg_measurements
where score is null



  
  
      
    ) dbt_internal_test