
  
    
        create table marts.fct_enrolment
      
      
      
      
      
      
      
      

      as
      -- One row per enrolment (forløb) with the participant's case-mix, consent and how the spell
-- stands at the as-of date. Enrolments count in headcounts with or without consent; every
-- other metric filters on has_consent.
with enrolments as (
    select * from staging.stg_enrolments
),

participants as (
    select * from intermediate.int_participants
),

outcome_codes as (
    select * from reference.outcome_codes
),

as_of as (
    select as_of_date from intermediate.int_as_of
),

joined as (
    select
        enrolments.enrolment_key,
        enrolments.person_key,
        enrolments.partner,
        enrolments.initiative_id,
        enrolments.partnership_id,
        enrolments.start_date,
        enrolments.end_date,
        enrolments.exit_status,
        outcome_codes.outcome_group as exit_group,
        coalesce(participants.has_consent, false) as has_consent,
        coalesce(participants.gender, 'unknown') as gender,
        participants.birth_year,
        extract(year from enrolments.start_date) - participants.birth_year as age_at_start,
        participants.impairment_cognitive,
        participants.impairment_physical,
        participants.impairment_psychological,
        cast(coalesce(participants.impairment_cognitive, false) as integer)
        + cast(coalesce(participants.impairment_physical, false) as integer)
        + cast(coalesce(participants.impairment_psychological, false) as integer)
            as impairments,
        enrolments.end_date is not null and enrolments.end_date <= as_of.as_of_date as is_ended,
        as_of.as_of_date
    from enrolments
    cross join as_of
    left join participants on enrolments.person_key = participants.person_key
    left join outcome_codes on enrolments.exit_status = outcome_codes.outcome_code
),

final as (
    select
        enrolment_key,
        person_key,
        partner,
        initiative_id,
        partnership_id,
        start_date,
        end_date,
        exit_status,
        exit_group,
        has_consent,
        gender,
        birth_year,
        age_at_start,
        case
            when age_at_start is null then 'unknown'
            when age_at_start < 18 then '15-17'
            when age_at_start <= 24 then '18-24'
            else '25-30'
        end as age_band,
        impairment_cognitive,
        impairment_physical,
        impairment_psychological,
        case
            when impairments > 1 then 'multiple'
            when impairment_cognitive then 'cognitive'
            when impairment_psychological then 'psychological'
            when impairment_physical then 'physical'
            else 'none'
        end as impairment_group,
        is_ended,
        as_of_date,
        datediff(cast(case when is_ended then end_date else as_of_date end as date), cast(start_date as date)) as days_in_programme
    from joined
)

select * from final
  