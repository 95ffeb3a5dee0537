-- One fingerprint per initiative x period over the Kaplan-Meier units of the start cohorts in it
-- (int_km_units): equal fingerprints mean the period's median cells need not be computed again
-- (int_metric_km_median). A cohort with someone still in follow-up changes with every as-of date.
with units as (
    select * from {{ ref('int_km_units') }}
),

final as (
    {{ period_fingerprints('units', 'start_date', [
        'enrolment_key', 'person_key', 'partnership_id', 'age_band', 'gender',
        'impairment_group', 'start_date', 't', 'event']) }}
)

select * from final
