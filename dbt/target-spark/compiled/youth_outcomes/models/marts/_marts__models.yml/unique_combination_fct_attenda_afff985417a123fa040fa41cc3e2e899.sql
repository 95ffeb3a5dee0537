select enrolment_key, attendance_month
from marts.fct_attendance_monthly
group by enrolment_key, attendance_month
having count(*) > 1
