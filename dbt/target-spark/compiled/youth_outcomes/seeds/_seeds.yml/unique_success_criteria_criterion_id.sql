
    
    

select
    criterion_id as unique_field,
    count(*) as n_records

from reference.success_criteria
where criterion_id is not null
group by criterion_id
having count(*) > 1


