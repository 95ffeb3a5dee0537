
    
    



select enrolment_key
from marts.fct_enrolment
where enrolment_key is null


