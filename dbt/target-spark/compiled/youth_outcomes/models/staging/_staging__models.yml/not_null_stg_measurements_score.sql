
    
    



select score
from staging.stg_measurements
where score is null


