
    
    

with all_values as (

    select
        absence_reason as value_field,
        count(*) as n_records

    from staging.stg_attendance
    group by absence_reason

)

select *
from all_values
where value_field not in (
    'sick','excused','unexcused'
)


