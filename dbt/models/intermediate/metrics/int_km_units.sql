{{ config(materialized='view') }}
-- The units of median_days_to_job_or_education: one per consenting enrolment, the days from
-- start to the first job or education (t) and whether it was reached (event) or censored at exit
-- or the as-of date, with the case-mix; anchored at the start date (cohorts of starters).
with enrolments as (
    select * from {{ ref('fct_enrolment') }}
    where has_consent
),

final as (
    select
        enrolments.enrolment_key,
        enrolments.person_key,
        enrolments.initiative_id,
        enrolments.partnership_id,
        enrolments.age_band,
        enrolments.gender,
        enrolments.impairment_group,
        enrolments.start_date,
        outcomes.days_to_job_or_education as t,
        case when outcomes.reached_job_or_education then 1 else 0 end as event
    from enrolments
    inner join {{ ref('int_enrolment_outcomes') }} as outcomes
        on enrolments.enrolment_key = outcomes.enrolment_key
)

select * from final
