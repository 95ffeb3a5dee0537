-- Every quarantined row with the file, row, column and fix: the list a partner's data steward
-- downloads. Holds no delivered value, so no person ID.
select
    q.partner,
    q.entity,
    d.source_name,
    d.received_at,
    q.delivery_id,
    q.source_row,
    q.source_column,
    q.contract_column,
    q.rule,
    q.message,
    q.message_da
from raw.quarantine as q
inner join raw.deliveries as d on q.delivery_id = d.delivery_id