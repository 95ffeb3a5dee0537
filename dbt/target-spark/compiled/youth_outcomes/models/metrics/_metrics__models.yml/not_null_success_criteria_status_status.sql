
    
    



select status
from marts.success_criteria_status
where status is null


