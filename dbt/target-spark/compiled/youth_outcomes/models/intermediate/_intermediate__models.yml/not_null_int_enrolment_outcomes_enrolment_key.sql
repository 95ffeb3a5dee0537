
    
    



select enrolment_key
from intermediate.int_enrolment_outcomes
where enrolment_key is null


