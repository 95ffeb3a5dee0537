
    
    

select
    partnership_id as unique_field,
    count(*) as n_records

from reference.partnerships
where partnership_id is not null
group by partnership_id
having count(*) > 1


