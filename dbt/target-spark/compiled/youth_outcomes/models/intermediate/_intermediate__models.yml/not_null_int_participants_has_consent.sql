
    
    



select has_consent
from intermediate.int_participants
where has_consent is null


