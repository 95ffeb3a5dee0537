
  
    
        create table marts.dq_quarantine_reasons
      
      
      
      
      
      
      
      

      as
      -- Why rows were quarantined, per partner, entity and rule: the top reasons to fix first.
select
    q.partner,
    q.entity,
    q.rule,
    q.contract_column,
    count(distinct q.delivery_id || ':' || q.source_row) as rows_quarantined,
    count(*) as violations,
    min(q.message) as example_message,
    min(q.message_da) as example_message_da,
    max(q.quarantined_at) as last_seen_at
from raw.quarantine as q
group by q.partner, q.entity, q.rule, q.contract_column
  