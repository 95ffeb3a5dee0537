select enrolment_key, week_start
from marts.fct_attendance_weekly
group by enrolment_key, week_start
having count(*) > 1
