
  
    
        create table marts.dim_initiative
      
      
      
      
      
      
      
      

      as
      -- Initiatives (indsatser) from the reference data, with their number of partnerships.
with initiatives as (
    select * from reference.initiatives
),

partnerships as (
    select
        initiative_id,
        count(*) as partnerships
    from reference.partnerships
    group by initiative_id
),

final as (
    select
        initiatives.initiative_id,
        initiatives.name as initiative_name,
        initiatives.kind,
        initiatives.target_group,
        initiatives.started_on,
        coalesce(partnerships.partnerships, 0) as partnerships
    from initiatives
    left join partnerships on initiatives.initiative_id = partnerships.initiative_id
)

select * from final
  