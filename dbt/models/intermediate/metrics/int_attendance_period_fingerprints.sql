-- One fingerprint per initiative x period over the attendance months the attendance rate is
-- computed from (int_attendance_months): equal fingerprints mean the period's attendance-rate
-- cells need not be computed again (int_metric_attendance_rate).
with months as (
    select * from {{ ref('int_attendance_months') }}
),

final as (
    {{ period_fingerprints('months', 'month_start', [
        'person_key', 'partnership_id', 'age_band', 'gender', 'impairment_group', 'month_start',
        'attended', 'planned']) }}
)

select * from final
