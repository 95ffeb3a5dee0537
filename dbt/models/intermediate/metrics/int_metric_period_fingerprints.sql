-- One fingerprint per initiative x period (quarter, half-year, year, cumulative) over the units
-- of int_metric_units: the sum of a 64-bit hash of each unit with everything that decides its
-- cells (metric, population, person, value, date, detail, partnership, case-mix) and the
-- subgroup list. Equal fingerprints mean the period's cells need not be computed again
-- (int_metric_cell_stats); a sum of hashes lets quarters add up to their longer periods.
with units as (
    select * from {{ ref('int_metric_units') }}
),

hashed as (
    select
        initiative_id,
        cast({{ dbt.date_trunc('quarter', 'anchor_date') }} as date) as anchor_quarter,
        cast({{ row_hash([
            'metric_id', 'population', 'person_key', 'x', 'anchor_date', 'detail',
            'partnership_id', 'age_band', 'gender', 'impairment_group',
            "'" ~ var('metric_subgroups') | join(',') ~ "'"]) }} as decimal(38, 0)) as unit_hash
    from units
),

quarters as (
    select
        initiative_id,
        anchor_quarter,
        sum(unit_hash) as fingerprint
    from hashed
    group by initiative_id, anchor_quarter
),

in_period as (
    {{ in_periods('quarters', 'anchor_quarter') }}
),

final as (
    select
        initiative_id,
        period_type,
        period_start,
        sum(fingerprint) as period_fingerprint
    from in_period
    group by initiative_id, period_type, period_start
)

select * from final
