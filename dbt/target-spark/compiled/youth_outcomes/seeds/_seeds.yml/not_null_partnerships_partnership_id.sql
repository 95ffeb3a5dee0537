
    
    



select partnership_id
from reference.partnerships
where partnership_id is null


