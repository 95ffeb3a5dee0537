
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select attendance_date
from staging.stg_attendance
where attendance_date is null



  
  
      
    ) dbt_internal_test