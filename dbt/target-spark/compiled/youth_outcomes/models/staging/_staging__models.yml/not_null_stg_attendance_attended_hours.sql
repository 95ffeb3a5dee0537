
    
    



select attended_hours
from staging.stg_attendance
where attended_hours is null


