-- Local partnerships (jobcenter + training site) and the initiative each belongs to.
with partnerships as (
    select * from reference.partnerships
),

final as (
    select
        partnership_id,
        initiative_id,
        name as partnership_name,
        municipality,
        partner_system
    from partnerships
)

select * from final