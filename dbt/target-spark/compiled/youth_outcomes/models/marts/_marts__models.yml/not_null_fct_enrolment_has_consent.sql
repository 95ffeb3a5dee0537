
    
    



select has_consent
from marts.fct_enrolment
where has_consent is null


