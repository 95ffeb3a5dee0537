
    
    

select
    criterion_id as unique_field,
    count(*) as n_records

from marts.success_criteria_status
where criterion_id is not null
group by criterion_id
having count(*) > 1


