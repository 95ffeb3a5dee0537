
  
    
        create table marts.fct_progression
      
      
      
      
      
      
      
      

      as
      -- Per consenting enrolment and instrument: the composite (mean of normalised items, 0-100) at
-- baseline (first assessment) and at the latest follow-up at least 6 months (182 days) later,
-- the change, and the Jacobson-Truax reliable change index:
--   RCI = change / S_diff,  S_diff = sqrt(2) * SE,  SE = SD_baseline * sqrt(1 - reliability),
-- with SD_baseline from the instruments seed or, when blank there, the SD of all baseline
-- composites on that instrument.
with composites as (
    select * from intermediate.int_progression_composites
),

ranked as (
    select
        *,
        min(assessed_on) over (partition by enrolment_key, instrument) as baseline_on
    from composites
),

baseline as (
    select * from ranked
    where assessed_on = baseline_on
),

follow_up as (
    select
        ranked.enrolment_key,
        ranked.instrument,
        max(ranked.assessed_on) as follow_up_on
    from ranked
    where ranked.assessed_on >= cast(date_add(ranked.baseline_on,
                 cast((182) * 1 as int)) as date)
    group by ranked.enrolment_key, ranked.instrument
),

baseline_spread as (
    select
        instrument,
        stddev_samp(composite) as estimated_baseline_sd
    from baseline
    group by instrument
),

final as (
    select
        baseline.enrolment_key,
        baseline.instrument,
        baseline.assessed_on as baseline_on,
        baseline.composite as baseline_composite,
        follow_up.follow_up_on,
        latest.composite as follow_up_composite,
        round(latest.composite - baseline.composite, 9) as change,
        baseline.reliability,
        coalesce(baseline.seed_baseline_sd, baseline_spread.estimated_baseline_sd) as baseline_sd,
        round(latest.composite - baseline.composite, 9)
        / (
            sqrt(2.0)
            * coalesce(baseline.seed_baseline_sd, baseline_spread.estimated_baseline_sd)
            * sqrt(1 - baseline.reliability)
        ) as reliable_change_index
    from baseline
    inner join baseline_spread on baseline.instrument = baseline_spread.instrument
    left join follow_up
        on
            baseline.enrolment_key = follow_up.enrolment_key
            and baseline.instrument = follow_up.instrument
    left join composites as latest
        on
            follow_up.enrolment_key = latest.enrolment_key
            and follow_up.instrument = latest.instrument
            and follow_up.follow_up_on = latest.assessed_on
)

select * from final
  