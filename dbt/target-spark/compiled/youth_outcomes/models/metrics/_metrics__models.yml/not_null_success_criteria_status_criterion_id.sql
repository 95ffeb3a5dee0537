
    
    



select criterion_id
from marts.success_criteria_status
where criterion_id is null


