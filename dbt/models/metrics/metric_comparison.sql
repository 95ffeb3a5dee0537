-- Fair comparison of proportion metrics (DESIGN section 5, "comparing fairly"), per metric x
-- population x period x initiative x partnership (or ALL), subgroup all:
--   * funnel-plot control limits (95 % and 99.8 %) around the overall rate p0 at the unit's n;
--   * indirect standardisation over case-mix strata (age band x impairment group x gender):
--     expected E = sum over the unit's enrolments of the overall rate in their stratum,
--     observed O, O/E with an exact Poisson 95 % interval (O limits / E), and the case-mix
--     adjusted rate (O/E x p0). O/E > 1 means better than expected for the people served.
with catalogue as (
    select * from {{ ref('metric_catalogue') }}
),

units as (
    select units.*
    from {{ ref('int_metric_units') }} as units
    inner join catalogue on units.metric_id = catalogue.metric_id
    where catalogue.kind = 'proportion'
),

in_period as (
    {{ in_periods('units', 'anchor_date') }}
),

labelled as (
    -- every unit once per period
    select
        *,
        {{ period_label('period_type', 'period_start') }} as period_label
    from in_period
),

strata as (
    select
        metric_id,
        population,
        period_type,
        period_label,
        age_band,
        gender,
        impairment_group,
        avg(x) as stratum_rate
    from labelled
    group by metric_id, population, period_type, period_label, age_band, gender, impairment_group
),

overall as (
    select
        metric_id,
        population,
        period_type,
        period_label,
        avg(x) as overall_rate
    from labelled
    group by metric_id, population, period_type, period_label
),

by_partnership as (
    select
        labelled.metric_id,
        labelled.population,
        labelled.initiative_id,
        labelled.partnership_id,
        labelled.period_type,
        labelled.period_start,
        labelled.period_label,
        count(*) as units,
        sum(labelled.x) as observed,
        sum(strata.stratum_rate) as expected
    from labelled
    inner join strata
        on
            labelled.metric_id = strata.metric_id
            and labelled.population = strata.population
            and labelled.period_type = strata.period_type
            and labelled.period_label = strata.period_label
            and labelled.age_band = strata.age_band
            and labelled.gender = strata.gender
            and labelled.impairment_group = strata.impairment_group
    group by
        labelled.metric_id,
        labelled.population,
        labelled.initiative_id,
        labelled.partnership_id,
        labelled.period_type,
        labelled.period_start,
        labelled.period_label
),

cells as (
    -- each partnership, and their sums as the initiative's ALL (units, observed and expected add
    -- up, so the units need not be fanned out to the rollup)
    select * from by_partnership
    union all
    select
        metric_id,
        population,
        initiative_id,
        'ALL' as partnership_id,
        period_type,
        period_start,
        period_label,
        sum(units) as units,
        sum(observed) as observed,
        sum(expected) as expected
    from by_partnership
    group by metric_id, population, initiative_id, period_type, period_start, period_label
),

compared as (
    select
        cells.metric_id,
        cells.population,
        cells.initiative_id,
        cells.partnership_id,
        cells.period_type,
        cells.period_start,
        cells.period_label,
        cells.units as n,
        cells.observed,
        cells.expected,
        cells.observed / cells.units as raw_rate,
        overall.overall_rate,
        case when cells.expected > 0 then cells.observed / cells.expected end as oe_ratio,
        case
            when cells.expected > 0
                then {{ poisson_lower('cells.observed', 'limits.lower_95') }} / cells.expected
        end as oe_ci_low,
        case
            when cells.expected > 0
                then {{ poisson_upper('cells.observed', 'limits.upper_95') }} / cells.expected
        end as oe_ci_high,
        case
            when cells.expected > 0 then cells.observed / cells.expected * overall.overall_rate
        end as adjusted_rate,
        {{ funnel_limit('overall.overall_rate', 'cells.units', z_95(), -1) }} as funnel_low_95,
        {{ funnel_limit('overall.overall_rate', 'cells.units', z_95(), 1) }} as funnel_high_95,
        {{ funnel_limit('overall.overall_rate', 'cells.units', z_998(), -1) }} as funnel_low_998,
        {{ funnel_limit('overall.overall_rate', 'cells.units', z_998(), 1) }} as funnel_high_998
    from cells
    inner join overall
        on
            cells.metric_id = overall.metric_id
            and cells.population = overall.population
            and cells.period_type = overall.period_type
            and cells.period_label = overall.period_label
    left join {{ ref('poisson_limits') }} as limits
        on cells.observed = limits.observed
),

final as (
    select
        *,
        case
            when raw_rate > funnel_high_998 then 'above_99_8'
            when raw_rate < funnel_low_998 then 'below_99_8'
            when raw_rate > funnel_high_95 then 'above_95'
            when raw_rate < funnel_low_95 then 'below_95'
            else 'within'
        end as funnel_position
    from compared
)

select * from final
