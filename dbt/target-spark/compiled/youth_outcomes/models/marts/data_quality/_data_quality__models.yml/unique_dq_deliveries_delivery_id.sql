
    
    

select
    delivery_id as unique_field,
    count(*) as n_records

from marts.dq_deliveries
where delivery_id is not null
group by delivery_id
having count(*) > 1


