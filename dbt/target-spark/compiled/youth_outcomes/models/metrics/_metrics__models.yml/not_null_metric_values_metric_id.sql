
    
    



select metric_id
from marts.metric_values
where metric_id is null


