
    
    



select enrolment_key
from marts.fct_enrolment_outcome
where enrolment_key is null


