select follow_up_rate
from marts.initiative_comparability
where follow_up_rate < 0 or follow_up_rate > 1
