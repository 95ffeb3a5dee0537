
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select has_consent
from marts.fct_enrolment
where has_consent is null



  
  
      
    ) dbt_internal_test