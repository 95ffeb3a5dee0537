
    
    

select
    enrolment_key as unique_field,
    count(*) as n_records

from staging.stg_enrolments
where enrolment_key is not null
group by enrolment_key
having count(*) > 1


