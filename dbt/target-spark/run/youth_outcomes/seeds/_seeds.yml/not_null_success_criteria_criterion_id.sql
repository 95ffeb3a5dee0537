
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select criterion_id
from reference.success_criteria
where criterion_id is null



  
  
      
    ) dbt_internal_test