
    
    

with child as (
    select partnership_id as from_field
    from staging.stg_enrolments
    where partnership_id is not null
),

parent as (
    select partnership_id as to_field
    from reference.partnerships
)

select
    from_field

from child
left join parent
    on child.from_field = parent.to_field

where parent.to_field is null


