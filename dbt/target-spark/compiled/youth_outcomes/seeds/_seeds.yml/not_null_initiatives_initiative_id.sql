
    
    



select initiative_id
from reference.initiatives
where initiative_id is null


