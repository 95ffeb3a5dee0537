
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

with all_values as (

    select
        period_type as value_field,
        count(*) as n_records

    from marts.metric_values
    group by period_type

)

select *
from all_values
where value_field not in (
    'quarter','half_year','year','cumulative'
)



  
  
      
    ) dbt_internal_test