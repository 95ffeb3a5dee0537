
    
    



select person_key
from staging.stg_participants
where person_key is null


