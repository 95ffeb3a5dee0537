
    
    



select metric_id
from reference.metric_catalogue
where metric_id is null


