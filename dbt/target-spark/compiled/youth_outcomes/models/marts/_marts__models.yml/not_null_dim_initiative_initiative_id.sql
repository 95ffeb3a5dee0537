
    
    



select initiative_id
from marts.dim_initiative
where initiative_id is null


