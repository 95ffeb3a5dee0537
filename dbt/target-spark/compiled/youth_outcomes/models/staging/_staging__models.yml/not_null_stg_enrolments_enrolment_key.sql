
    
    



select enrolment_key
from staging.stg_enrolments
where enrolment_key is null


