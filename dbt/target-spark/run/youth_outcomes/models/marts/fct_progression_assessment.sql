
  
    
        create table marts.fct_progression_assessment
      
      
      
      
      
      
      
      

      as
      -- Per consenting enrolment, instrument and assessment: the composite (0-100), its change from
-- baseline and the reliable change index at that assessment (the per-participant journey).
with composites as (
    select * from intermediate.int_progression_composites
),

progression as (
    select * from marts.fct_progression
),

final as (
    select
        composites.enrolment_key,
        composites.instrument,
        composites.assessed_on,
        composites.items,
        composites.composite,
        composites.assessed_on = progression.baseline_on as is_baseline,
        round(composites.composite - progression.baseline_composite, 9) as change_from_baseline,
        round(composites.composite - progression.baseline_composite, 9)
        / (sqrt(2.0) * progression.baseline_sd * sqrt(1 - progression.reliability))
            as reliable_change_index
    from composites
    inner join progression
        on
            composites.enrolment_key = progression.enrolment_key
            and composites.instrument = progression.instrument
)

select * from final
  