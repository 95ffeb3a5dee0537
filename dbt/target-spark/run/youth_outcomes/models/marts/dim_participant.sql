
  
    
        create table marts.dim_participant
      
      
      
      
      
      
      
      

      as
      -- One row per young person (pseudonymous): case-mix attributes and consent, merged across
-- partners. Never published outside the person's own partnership.
with participants as (
    select * from intermediate.int_participants
),

final as (
    select
        person_key,
        birth_year,
        coalesce(gender, 'unknown') as gender,
        impairment_cognitive,
        impairment_physical,
        impairment_psychological,
        has_consent,
        partner_records
    from participants
)

select * from final
  