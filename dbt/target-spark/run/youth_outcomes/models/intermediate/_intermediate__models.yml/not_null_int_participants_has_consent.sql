
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select has_consent
from intermediate.int_participants
where has_consent is null



  
  
      
    ) dbt_internal_test