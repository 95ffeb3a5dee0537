
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  select enrolment_key, attendance_month
from marts.fct_attendance_monthly
group by enrolment_key, attendance_month
having count(*) > 1

  
  
      
    ) dbt_internal_test