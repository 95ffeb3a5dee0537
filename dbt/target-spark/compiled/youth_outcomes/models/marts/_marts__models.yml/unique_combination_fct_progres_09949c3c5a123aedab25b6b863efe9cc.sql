select enrolment_key, instrument, assessed_on
from marts.fct_progression_assessment
group by enrolment_key, instrument, assessed_on
having count(*) > 1
