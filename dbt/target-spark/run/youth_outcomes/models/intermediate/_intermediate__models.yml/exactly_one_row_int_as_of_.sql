
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  select count(*) as row_count
from intermediate.int_as_of
having count(*) <> 1

  
  
      
    ) dbt_internal_test