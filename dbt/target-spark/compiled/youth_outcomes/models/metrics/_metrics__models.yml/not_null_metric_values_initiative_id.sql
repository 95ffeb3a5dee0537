
    
    



select initiative_id
from marts.metric_values
where initiative_id is null


