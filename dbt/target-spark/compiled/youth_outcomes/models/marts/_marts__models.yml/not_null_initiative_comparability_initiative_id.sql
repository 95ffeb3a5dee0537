
    
    



select initiative_id
from marts.initiative_comparability
where initiative_id is null


