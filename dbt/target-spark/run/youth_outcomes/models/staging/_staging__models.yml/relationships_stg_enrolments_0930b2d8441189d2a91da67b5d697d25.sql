
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

with child as (
    select exit_status as from_field
    from staging.stg_enrolments
    where exit_status is not null
),

parent as (
    select outcome_code as to_field
    from reference.outcome_codes
)

select
    from_field

from child
left join parent
    on child.from_field = parent.to_field

where parent.to_field is null



  
  
      
    ) dbt_internal_test