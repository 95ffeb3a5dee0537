
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  select score_0_100
from marts.fct_progression_item
where score_0_100 < 0 or score_0_100 > 100

  
  
      
    ) dbt_internal_test