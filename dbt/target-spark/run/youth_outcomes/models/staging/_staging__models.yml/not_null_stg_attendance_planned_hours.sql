
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select planned_hours
from staging.stg_attendance
where planned_hours is null



  
  
      
    ) dbt_internal_test