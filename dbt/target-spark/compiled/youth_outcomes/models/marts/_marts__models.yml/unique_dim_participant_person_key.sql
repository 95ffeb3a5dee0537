
    
    

select
    person_key as unique_field,
    count(*) as n_records

from marts.dim_participant
where person_key is not null
group by person_key
having count(*) > 1


