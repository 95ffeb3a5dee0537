
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select initiative_id
from reference.initiatives
where initiative_id is null



  
  
      
    ) dbt_internal_test