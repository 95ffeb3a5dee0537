
    
    



select start_date
from staging.stg_enrolments
where start_date is null


