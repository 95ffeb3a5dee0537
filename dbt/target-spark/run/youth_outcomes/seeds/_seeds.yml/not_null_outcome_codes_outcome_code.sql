
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select outcome_code
from reference.outcome_codes
where outcome_code is null



  
  
      
    ) dbt_internal_test