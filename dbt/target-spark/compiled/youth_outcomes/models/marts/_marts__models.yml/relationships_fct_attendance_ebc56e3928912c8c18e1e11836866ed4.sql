
    
    

with child as (
    select enrolment_key as from_field
    from marts.fct_attendance
    where enrolment_key is not null
),

parent as (
    select enrolment_key as to_field
    from marts.fct_enrolment
)

select
    from_field

from child
left join parent
    on child.from_field = parent.to_field

where parent.to_field is null


