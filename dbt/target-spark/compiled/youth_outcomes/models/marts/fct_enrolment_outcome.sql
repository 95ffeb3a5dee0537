-- Per consenting enrolment: status at exit, status 6 and 12 months after start (ACTIVE while
-- still enrolled, null before the horizon is reached) and the days to the first job or
-- education (censored at exit or the as-of date when none was reached).
with enrolments as (
    select * from marts.fct_enrolment
    where has_consent
),

outcomes as (
    select * from intermediate.int_enrolment_outcomes
),

final as (
    select
        enrolments.enrolment_key,
        enrolments.person_key,
        enrolments.initiative_id,
        enrolments.partnership_id,
        enrolments.start_date,
        enrolments.end_date,
        enrolments.exit_status as status_at_exit,
        enrolments.exit_group as group_at_exit,
        outcomes.status_6m,
        outcomes.status_12m,
        outcomes.first_attached_on,
        outcomes.reached_job_or_education,
        outcomes.days_to_job_or_education
    from enrolments
    inner join outcomes on enrolments.enrolment_key = outcomes.enrolment_key
)

select * from final