
    
    



select delivery_id
from marts.dq_deliveries
where delivery_id is null


