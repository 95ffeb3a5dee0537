
    
    



select is_stale
from marts.dq_freshness
where is_stale is null


