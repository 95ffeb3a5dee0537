{{ config(materialized='view') }}
-- Attended and planned hours per consenting enrolment and month up to the as-of date (with an
-- as_of var inside a month, that whole month counts), with the enrolment's case-mix: what the
-- attendance rate is computed from and what its period fingerprints hash. fct_attendance_monthly
-- holds consenting participants only.
with final as (
    select
        monthly.person_key,
        monthly.initiative_id,
        monthly.partnership_id,
        fct_enrolment.age_band,
        fct_enrolment.gender,
        fct_enrolment.impairment_group,
        monthly.attendance_month as month_start,
        monthly.attended_hours as attended,
        monthly.planned_hours as planned
    from {{ ref('fct_attendance_monthly') }} as monthly
    inner join {{ ref('fct_enrolment') }} as fct_enrolment
        on monthly.enrolment_key = fct_enrolment.enrolment_key
    where monthly.attendance_month <= fct_enrolment.as_of_date
)

select * from final
