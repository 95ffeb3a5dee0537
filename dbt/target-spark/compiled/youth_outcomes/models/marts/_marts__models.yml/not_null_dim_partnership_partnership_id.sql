
    
    



select partnership_id
from marts.dim_partnership
where partnership_id is null


