
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select partnership_id
from reference.partnerships
where partnership_id is null



  
  
      
    ) dbt_internal_test