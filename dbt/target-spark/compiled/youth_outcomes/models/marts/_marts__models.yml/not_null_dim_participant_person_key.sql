
    
    



select person_key
from marts.dim_participant
where person_key is null


