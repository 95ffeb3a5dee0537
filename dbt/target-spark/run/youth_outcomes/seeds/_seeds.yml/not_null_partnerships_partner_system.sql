
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select partner_system
from reference.partnerships
where partner_system is null



  
  
      
    ) dbt_internal_test