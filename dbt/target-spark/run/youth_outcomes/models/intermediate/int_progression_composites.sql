
  
    
        create table intermediate.int_progression_composites
      
      
      
      
      
      
      
      

      as
      -- The composite score of each assessment: per consenting enrolment, instrument and date, the
-- mean of its normalised items (0-100), rounded so that equal item scores always give exactly
-- the same composite (a float mean summed in another order could make a zero change look like
-- a rise).
with items as (
    select * from intermediate.int_progression_items
),

final as (
    select
        enrolment_key,
        instrument,
        assessed_on,
        round(avg(score_0_100), 9) as composite,
        count(*) as items,
        avg(reliability) as reliability,
        max(baseline_sd) as seed_baseline_sd
    from items
    group by enrolment_key, instrument, assessed_on
)

select * from final
  