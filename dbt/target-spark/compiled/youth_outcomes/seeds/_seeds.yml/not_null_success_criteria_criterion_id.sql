
    
    



select criterion_id
from reference.success_criteria
where criterion_id is null


