
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  select enrolment_key, week_start
from marts.fct_attendance_weekly
group by enrolment_key, week_start
having count(*) > 1

  
  
      
    ) dbt_internal_test