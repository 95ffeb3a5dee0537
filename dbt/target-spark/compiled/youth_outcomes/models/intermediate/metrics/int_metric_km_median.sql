-- median_days_to_job_or_education: Kaplan-Meier median of days from start to the first job or
-- education, censored at exit or the as-of date, per cell of start cohorts. The 95 % interval is
-- where the exponential-Greenwood (log(-log S)) bands of S(t) cross 0.5, as lifelines computes
-- it; a bound that is never reached is null ("not reached").
with enrolments as (
    select * from marts.fct_enrolment
    where has_consent
),

units as (
    select
        enrolments.enrolment_key,
        enrolments.person_key,
        enrolments.initiative_id,
        enrolments.partnership_id,
        enrolments.age_band,
        enrolments.gender,
        enrolments.impairment_group,
        enrolments.start_date,
        outcomes.days_to_job_or_education as t,
        case when outcomes.reached_job_or_education then 1 else 0 end as event
    from enrolments
    inner join intermediate.int_enrolment_outcomes as outcomes
        on enrolments.enrolment_key = outcomes.enrolment_key
),

expanded as (
    select
        src.person_key,
        src.t,
        src.event,
        src.initiative_id,
        case when rollups.to_all then 'ALL' else src.partnership_id end as partnership_id,
        
            periods.period_type,
            case periods.period_type
        when 'quarter' then cast(date_trunc('quarter', src.start_date) as date)
        when 'half_year' then cast(add_months(date_trunc('year', src.start_date), cast(((case when extract(month from src.start_date) > 6 then 6 else 0 end)) * 1 as int)) as date)
        when 'year' then cast(date_trunc('year', src.start_date) as date)
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
        (values ('all'), ('age_band'), ('gender'), ('impairment_group'))
            as subgroups (subgroup_type)
    cross join (values (false), (true)) as rollups (to_all)
),

times as (
    -- deaths and exits at each distinct time in each cell
    select
        initiative_id, partnership_id, period_type, period_start, subgroup_type, subgroup,
        t,
        sum(event) as d,
        count(*) as leaving
    from expanded
    group by initiative_id, partnership_id, period_type, period_start, subgroup_type, subgroup, t
),

at_risk as (
    select
        *,
        sum(leaving) over (
            partition by initiative_id, partnership_id, period_type, period_start, subgroup_type, subgroup
            order by t desc rows between unbounded preceding and current row
        ) as n_at_risk,
        sum(leaving) over (
            partition by initiative_id, partnership_id, period_type, period_start, subgroup_type, subgroup
        ) as n_total
    from times
),

steps as (
    select
        *,
        -- log S(t) and Greenwood's sum up to t, over event times only
        sum(case when d > 0 and d < n_at_risk then ln(1 - d / n_at_risk) end) over (
            partition by initiative_id, partnership_id, period_type, period_start, subgroup_type, subgroup
            order by t rows between unbounded preceding and current row
        ) as log_s,
        max(case when d > 0 and d = n_at_risk then 1 else 0 end) over (
            partition by initiative_id, partnership_id, period_type, period_start, subgroup_type, subgroup
            order by t rows between unbounded preceding and current row
        ) as reached_zero,
        sum(case when d > 0 and d < n_at_risk then d / (n_at_risk * (n_at_risk - d)) end) over (
            partition by initiative_id, partnership_id, period_type, period_start, subgroup_type, subgroup
            order by t rows between unbounded preceding and current row
        ) as greenwood
    from at_risk
    where d > 0
),

curve as (
    select
        *,
        case when reached_zero = 1 then 0.0 else exp(log_s) end as s,
        case
            when reached_zero = 1 then 0.0
            when log_s = 0 then 1.0
            -- log_s < 0, so subtracting z * sqrt(G) / log_s raises log(-log S): the lower band
            else exp(-exp(ln(-log_s) - cast(1.959963984540054 as double) * sqrt(greenwood) / log_s))
        end as s_lower,
        case
            when reached_zero = 1 then 0.0
            when log_s = 0 then 1.0
            else exp(-exp(ln(-log_s) + cast(1.959963984540054 as double) * sqrt(greenwood) / log_s))
        end as s_upper
    from steps
),

cells as (
    select
        initiative_id, partnership_id, period_type, period_start, subgroup_type, subgroup,
        min(case when s <= 0.5 then t end) as median_t,
        min(case when s_lower <= 0.5 then t end) as low_t,
        min(case when s_upper <= 0.5 then t end) as high_t
    from curve
    group by initiative_id, partnership_id, period_type, period_start, subgroup_type, subgroup
),

sizes as (
    select
        initiative_id, partnership_id, period_type, period_start, subgroup_type, subgroup,
        count(distinct person_key) as n,
        count(*) as units,
        sum(event) as events
    from expanded
    group by initiative_id, partnership_id, period_type, period_start, subgroup_type, subgroup
),

final as (
    select
        'median_days_to_job_or_education' as metric_id,
        'all' as population,
        sizes.initiative_id, sizes.partnership_id, sizes.period_type, sizes.period_start, sizes.subgroup_type, sizes.subgroup,
        sizes.n,
        cast(sizes.events as double) as numerator,
        cast(sizes.units as double) as denominator,
        cast(cells.median_t as double) as value,
        cast(cells.low_t as double) as ci_low,
        cast(cells.high_t as double) as ci_high,
        case when cells.median_t is null then 'median not reached' end as detail
    from sizes
    left join cells
        on sizes.initiative_id = cells.initiative_id and sizes.partnership_id = cells.partnership_id and sizes.period_type = cells.period_type and sizes.period_start = cells.period_start and sizes.subgroup_type = cells.subgroup_type and sizes.subgroup = cells.subgroup
)

select * from final