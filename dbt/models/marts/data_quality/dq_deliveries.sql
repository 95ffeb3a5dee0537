-- One row per delivery, for data stewards: what arrived, what loaded, what was quarantined.
with deliveries as (
    select * from {{ source('raw', 'deliveries') }}
),

partners as (
    select
        partner_system,
        {{ sorted_distinct_list('partnership_id', "', '") }} as partnership_ids
    from {{ ref('partnerships') }}
    group by partner_system
)

select
    d.delivery_id,
    d.delivery_seq,
    d.partner,
    p.partnership_ids,
    d.system,
    d.entity,
    d.source_name,
    d.received_at,
    d.bytes,
    d.rows_read,
    d.rows_loaded,
    d.rows_quarantined,
    d.rows_changed,
    d.status,
    d.error,
    case
        when d.rows_read > 0 then cast(d.rows_quarantined as double) / d.rows_read
    end as quarantined_share
from deliveries as d
left join partners as p on d.partner = p.partner_system
