select metric_id, population, initiative_id, partnership_id, period_type, period_start
from marts.metric_comparison
group by metric_id, population, initiative_id, partnership_id, period_type, period_start
having count(*) > 1
