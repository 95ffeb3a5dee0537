
    
    



select partnership_id
from marts.metric_values
where partnership_id is null


