-- Last delivery per partner and entity, with a stale flag: every partner system in the
-- reference data is listed, so a partner that never delivered shows up too.
with entities as (
    select entity_names.entity
    from (
        values ('participants'), ('enrolments'), ('attendance'), ('measurements'), ('outcomes')
    ) as entity_names (entity)
),

expected as (
    select distinct
        p.partner_system as partner,
        e.entity
    from {{ ref('partnerships') }} as p
    cross join entities as e
),

delivered as (
    select
        partner,
        entity,
        max(received_at) as last_received_at,
        max(received_at) filter (where status <> 'failed') as last_loaded_at,
        count(*) as deliveries,
        count(*) filter (where status = 'failed') as failed_deliveries
    from {{ source('raw', 'deliveries') }}
    where entity <> 'unknown'
    group by partner, entity
)

select
    x.partner,
    x.entity,
    d.last_received_at,
    d.last_loaded_at,
    coalesce(d.deliveries, 0) as deliveries,
    coalesce(d.failed_deliveries, 0) as failed_deliveries,
    {{ dbt.datediff('cast(d.last_loaded_at as date)', 'current_date', 'day') }}
        as days_since_last_load,
    coalesce(
        {{ dbt.datediff('cast(d.last_loaded_at as date)', 'current_date', 'day') }}
        > {{ var('stale_after_days') }},
        true
    ) as is_stale,
    {{ var('stale_after_days') }} as stale_after_days
from expected as x
left join delivered as d on x.partner = d.partner and x.entity = d.entity
