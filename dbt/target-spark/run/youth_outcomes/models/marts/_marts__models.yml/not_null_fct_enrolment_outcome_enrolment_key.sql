
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select enrolment_key
from marts.fct_enrolment_outcome
where enrolment_key is null



  
  
      
    ) dbt_internal_test