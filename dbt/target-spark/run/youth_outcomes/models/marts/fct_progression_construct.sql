
  
    
        create table marts.fct_progression_construct
      
      
      
      
      
      
      
      

      as
      -- Per consenting enrolment and construct: the construct score (mean of its normalised items)
-- at baseline and at the latest follow-up >= 182 days later. Only items whose equivalence to
-- the construct is identical or harmonised are used, so constructs can be compared across
-- instruments; `instrument` says which instrument each row came from.
with items as (
    select * from intermediate.int_progression_items
    where equivalence in ('identical', 'harmonised')
),

constructs as (
    select
        enrolment_key,
        instrument,
        construct,
        assessed_on,
        round(avg(score_0_100), 9) as score
    from items
    group by enrolment_key, instrument, construct, assessed_on
),

bounds as (
    select
        enrolment_key,
        instrument,
        construct,
        min(assessed_on) as baseline_on
    from constructs
    group by enrolment_key, instrument, construct
),

follow_up as (
    select
        constructs.enrolment_key,
        constructs.instrument,
        constructs.construct,
        bounds.baseline_on,
        max(constructs.assessed_on) as follow_up_on
    from constructs
    inner join bounds
        on
            constructs.enrolment_key = bounds.enrolment_key
            and constructs.instrument = bounds.instrument
            and constructs.construct = bounds.construct
    where
        constructs.assessed_on >= cast(date_add(bounds.baseline_on,
                 cast((182) * 1 as int)) as date)
    group by
        constructs.enrolment_key, constructs.instrument, constructs.construct, bounds.baseline_on
),

final as (
    select
        follow_up.enrolment_key,
        follow_up.instrument,
        follow_up.construct,
        follow_up.baseline_on,
        follow_up.follow_up_on,
        first_score.score as baseline_score,
        last_score.score as follow_up_score,
        round(last_score.score - first_score.score, 9) as change
    from follow_up
    inner join constructs as first_score
        on
            follow_up.enrolment_key = first_score.enrolment_key
            and follow_up.instrument = first_score.instrument
            and follow_up.construct = first_score.construct
            and follow_up.baseline_on = first_score.assessed_on
    inner join constructs as last_score
        on
            follow_up.enrolment_key = last_score.enrolment_key
            and follow_up.instrument = last_score.instrument
            and follow_up.construct = last_score.construct
            and follow_up.follow_up_on = last_score.assessed_on
)

select * from final
  