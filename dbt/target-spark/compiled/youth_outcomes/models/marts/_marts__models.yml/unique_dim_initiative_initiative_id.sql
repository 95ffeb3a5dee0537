
    
    

select
    initiative_id as unique_field,
    count(*) as n_records

from marts.dim_initiative
where initiative_id is not null
group by initiative_id
having count(*) > 1


