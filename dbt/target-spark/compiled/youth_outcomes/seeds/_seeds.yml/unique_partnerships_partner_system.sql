
    
    

select
    partner_system as unique_field,
    count(*) as n_records

from reference.partnerships
where partner_system is not null
group by partner_system
having count(*) > 1


