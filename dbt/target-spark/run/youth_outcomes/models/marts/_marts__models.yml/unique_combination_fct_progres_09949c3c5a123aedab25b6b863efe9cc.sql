
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  select enrolment_key, instrument, assessed_on
from marts.fct_progression_assessment
group by enrolment_key, instrument, assessed_on
having count(*) > 1

  
  
      
    ) dbt_internal_test