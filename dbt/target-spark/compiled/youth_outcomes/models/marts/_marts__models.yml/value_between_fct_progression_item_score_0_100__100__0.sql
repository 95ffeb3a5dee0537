select score_0_100
from marts.fct_progression_item
where score_0_100 < 0 or score_0_100 > 100
