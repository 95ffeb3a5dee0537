
    
    



select attendance_date
from staging.stg_attendance
where attendance_date is null


