
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  select delivery_id
from marts.dq_deliveries
where rows_read <> rows_loaded + rows_quarantined

  
  
      
    ) dbt_internal_test