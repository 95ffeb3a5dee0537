-- Fair comparison of proportion metrics (DESIGN section 5, "comparing fairly"), per metric x
-- population x period x initiative x partnership (or ALL), subgroup all:
--   * funnel-plot control limits (95 % and 99.8 %) around the overall rate p0 at the unit's n;
--   * indirect standardisation over case-mix strata (age band x impairment group x gender):
--     expected E = sum over the unit's enrolments of the overall rate in their stratum,
--     observed O, O/E with an exact Poisson 95 % interval (O limits / E), and the case-mix
--     adjusted rate (O/E x p0). O/E > 1 means better than expected for the people served.
with catalogue as (
    select * from reference.metric_catalogue
),

units as (
    select units.*
    from intermediate.int_metric_units as units
    inner join catalogue on units.metric_id = catalogue.metric_id
    where catalogue.kind = 'proportion'
),

expanded as (
    select
        src.metric_id,
        src.population,
        src.person_key,
        src.x,
        src.age_band,
        src.gender,
        src.impairment_group,
        src.initiative_id,
        case when rollups.to_all then 'ALL' else src.partnership_id end as partnership_id,
        
            periods.period_type,
            case periods.period_type
        when 'quarter' then cast(date_trunc('quarter', src.anchor_date) as date)
        when 'half_year' then cast(add_months(date_trunc('year', src.anchor_date), cast(((case when extract(month from src.anchor_date) > 6 then 6 else 0 end)) * 1 as int)) as date)
        when 'year' then cast(date_trunc('year', src.anchor_date) as date)
        else initiatives.started_on
    end
                as period_start,
        
        subgroups.subgroup_type,
        case subgroups.subgroup_type
            when 'age_band' then src.age_band
            when 'gender' then src.gender
            when 'impairment_group' then src.impairment_group
            else 'all'
        end as subgroup
    from units as src
    inner join marts.dim_initiative as initiatives
        on src.initiative_id = initiatives.initiative_id
    
        cross join (values ('quarter'), ('half_year'), ('year'), ('cumulative'))
        as periods (period_type)
    
    cross join
        (values ('all'))
            as subgroups (subgroup_type)
    cross join (values (false), (true)) as rollups (to_all)
),

labelled as (
    select
        *,
        case period_type
        when 'quarter' then cast(extract(year from period_start) as string)
            || '-Q' || cast(extract(quarter from period_start) as string)
        when 'half_year' then cast(extract(year from period_start) as string)
    || case when extract(month from period_start) = 1 then '-H1' else '-H2' end
        when 'year' then cast(extract(year from period_start) as string)
        else 'cumulative'
    end as period_label
    from expanded
),

pooled as (
    -- every enrolment once per period: the rows of the ALL partnership
    select * from labelled
    where partnership_id = 'ALL'
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
    from pooled
    group by metric_id, population, period_type, period_label, age_band, gender, impairment_group
),

overall as (
    select
        metric_id,
        population,
        period_type,
        period_label,
        avg(x) as overall_rate
    from pooled
    group by metric_id, population, period_type, period_label
),

cells as (
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
                then coalesce(limits.lower_95,
        (cells.observed) * power(1 - 1 / (9.0 * (cells.observed))
            - cast(1.959963984540054 as double) / (3 * sqrt(cells.observed)), 3)) / cells.expected
        end as oe_ci_low,
        case
            when cells.expected > 0
                then coalesce(limits.upper_95,
        ((cells.observed) + 1) * power(1 - 1 / (9.0 * ((cells.observed) + 1))
            + cast(1.959963984540054 as double) / (3 * sqrt((cells.observed) + 1)), 3)) / cells.expected
        end as oe_ci_high,
        case
            when cells.expected > 0 then cells.observed / cells.expected * overall.overall_rate
        end as adjusted_rate,
        least(1.0, greatest(0.0,
        overall.overall_rate + (-1) * cast(1.959963984540054 as double) * sqrt(overall.overall_rate * (1 - overall.overall_rate) / (cells.units)))) as funnel_low_95,
        least(1.0, greatest(0.0,
        overall.overall_rate + (1) * cast(1.959963984540054 as double) * sqrt(overall.overall_rate * (1 - overall.overall_rate) / (cells.units)))) as funnel_high_95,
        least(1.0, greatest(0.0,
        overall.overall_rate + (-1) * cast(3.090232306167813 as double) * sqrt(overall.overall_rate * (1 - overall.overall_rate) / (cells.units)))) as funnel_low_998,
        least(1.0, greatest(0.0,
        overall.overall_rate + (1) * cast(3.090232306167813 as double) * sqrt(overall.overall_rate * (1 - overall.overall_rate) / (cells.units)))) as funnel_high_998
    from cells
    inner join overall
        on
            cells.metric_id = overall.metric_id
            and cells.population = overall.population
            and cells.period_type = overall.period_type
            and cells.period_label = overall.period_label
    left join reference.poisson_limits as limits
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