
    
    



select person_key
from intermediate.int_participants
where person_key is null


