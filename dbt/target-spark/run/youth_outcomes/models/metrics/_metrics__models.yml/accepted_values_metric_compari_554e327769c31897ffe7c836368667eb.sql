
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

with all_values as (

    select
        funnel_position as value_field,
        count(*) as n_records

    from marts.metric_comparison
    group by funnel_position

)

select *
from all_values
where value_field not in (
    'within','above_95','below_95','above_99_8','below_99_8'
)



  
  
      
    ) dbt_internal_test