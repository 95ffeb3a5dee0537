
    
    



select enrolment_key
from marts.fct_attendance
where enrolment_key is null


