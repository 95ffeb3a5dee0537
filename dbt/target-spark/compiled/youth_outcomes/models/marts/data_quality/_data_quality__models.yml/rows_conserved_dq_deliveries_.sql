select delivery_id
from marts.dq_deliveries
where rows_read <> rows_loaded + rows_quarantined
