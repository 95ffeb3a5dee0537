
    
    



select planned_hours
from staging.stg_attendance
where planned_hours is null


