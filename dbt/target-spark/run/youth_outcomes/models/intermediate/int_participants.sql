
  
    
        create table intermediate.int_participants
      
      
      
      
      
      
      
      

      as
      -- One row per young person across all partners (DESIGN section 4): per attribute the most
-- recent non-blank value wins, and consent counts only if every partner's current record
-- gives it -- a withdrawal anywhere takes effect everywhere. Missing consent is no consent.
with records as (
    select * from staging.stg_participants
),

final as (
    select
        person_key,
        max_by(birth_year, _delivery_seq) filter (where birth_year is not null) as birth_year,
        max_by(gender, _delivery_seq) filter (where gender is not null) as gender,
        max_by(impairment_cognitive, _delivery_seq) filter (where impairment_cognitive is not null) as impairment_cognitive,
        max_by(impairment_physical, _delivery_seq) filter (where impairment_physical is not null) as impairment_physical,
        max_by(impairment_psychological, _delivery_seq) filter (where impairment_psychological is not null) as impairment_psychological,
        coalesce(bool_and(coalesce(consent, false)), false) as has_consent,
        count(*) as partner_records
    from records
    group by person_key
)

select * from final
  