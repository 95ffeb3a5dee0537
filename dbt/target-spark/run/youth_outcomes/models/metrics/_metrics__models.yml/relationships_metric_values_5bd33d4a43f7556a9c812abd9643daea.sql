
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

with child as (
    select metric_id as from_field
    from marts.metric_values
    where metric_id is not null
),

parent as (
    select metric_id as to_field
    from reference.metric_catalogue
)

select
    from_field

from child
left join parent
    on child.from_field = parent.to_field

where parent.to_field is null



  
  
      
    ) dbt_internal_test