
    
    



select outcome_code
from reference.outcome_codes
where outcome_code is null


