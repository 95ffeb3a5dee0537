-- One fingerprint per initiative x period (quarter, half-year, year, cumulative) over the units
-- of int_metric_units, from everything that decides a unit's cells (metric, population, person,
-- value, date, detail, partnership, case-mix). Equal fingerprints mean the period's cells need
-- not be computed again (int_metric_cell_stats).
with units as (
    select * from {{ ref('int_metric_units') }}
),

final as (
    {{ period_fingerprints('units', 'anchor_date', [
        'metric_id', 'population', 'person_key', 'x', 'anchor_date', 'detail',
        'partnership_id', 'age_band', 'gender', 'impairment_group']) }}
)

select * from final
