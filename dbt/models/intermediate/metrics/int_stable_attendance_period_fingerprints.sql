-- One fingerprint per initiative x period over the stable-attendance units of the period
-- (int_stable_attendance_windows): equal fingerprints mean the period's stable-attendance cells
-- need not be computed again (int_metric_stable_attendance).
with windows as (
    select * from {{ ref('int_stable_attendance_windows') }}
),

final as (
    {{ given_period_fingerprints('windows', [
        'enrolment_key', 'person_key', 'partnership_id', 'age_band', 'gender',
        'impairment_group', 'attended', 'planned']) }}
)

select * from final
