
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

with all_values as (

    select
        status as value_field,
        count(*) as n_records

    from marts.success_criteria_status
    group by status

)

select *
from all_values
where value_field not in (
    'met','not_met','too_early_to_tell','insufficient_data','on_track','behind'
)



  
  
      
    ) dbt_internal_test