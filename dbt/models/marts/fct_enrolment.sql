-- One row per enrolment (forløb) with the participant's case-mix and consent.
-- Enrolments count in headcounts with or without consent; every other metric filters on
-- has_consent.
with enrolments as (
    select * from {{ ref('stg_enrolments') }}
),

participants as (
    select * from {{ ref('int_participants') }}
),

final as (
    select
        enrolments.enrolment_key,
        enrolments.person_key,
        enrolments.partner,
        enrolments.initiative_id,
        enrolments.partnership_id,
        enrolments.start_date,
        enrolments.end_date,
        enrolments.exit_status,
        coalesce(participants.has_consent, false) as has_consent,
        participants.gender,
        participants.birth_year,
        extract(year from enrolments.start_date) - participants.birth_year as age_at_start,
        participants.impairment_cognitive,
        participants.impairment_physical,
        participants.impairment_psychological
    from enrolments
    left join participants on enrolments.person_key = participants.person_key
)

select * from final
