{{ config(**period_cells_config('int_km_period_fingerprints')) }}
-- median_days_to_job_or_education: Kaplan-Meier median of days from start to the first job or
-- education, censored at exit or the as-of date, per cell of start cohorts. The 95 % interval is
-- where the exponential-Greenwood (log(-log S)) bands of S(t) cross 0.5, as lifelines computes
-- it; a bound that is never reached is null ("not reached").
--
-- Incremental on DuckDB like int_metric_attendance_rate: the pre-hook drops the cells of every
-- period whose fingerprint (int_km_period_fingerprints) changed or vanished, and a run computes
-- only the periods that then have no cells -- those whose cohorts changed, which includes every
-- cohort with someone still followed up (censored at the as-of date). On Spark a plain table.
with units as (
    select * from {{ ref('int_km_units') }}
),

fingerprints as (
    select * from {{ ref('int_km_period_fingerprints') }}
),

pending as (
    {{ pending_periods('fingerprints') }}
),

unit_periods as (
    {{ in_periods('units', 'start_date') }}
),

people as (
    -- as in int_metric_cell_stats: someone with one enrolment at an initiative is one person in
    -- each of its cells, so that unit counts them; only the others are counted distinct
    select
        initiative_id,
        person_key,
        count(*) = 1 as has_one_unit
    from {{ ref('int_km_units') }}  -- not `units`: a second reader would materialise it
    group by initiative_id, person_key
),

pending_units as (
    select
        unit_periods.*,
        people.has_one_unit as counts_person
    from unit_periods
    inner join pending on {{ period_join('unit_periods', 'pending') }}
    inner join people
        on {{ keys_join('unit_periods', 'people', ['initiative_id', 'person_key']) }}
),

expanded as (
    {{ expand_cells('pending_units', none, ['t', 'event', 'counts_person'],
                    expand_periods=false) }}
),

shared as (
    select * from pending_units
    where not counts_person
),

expanded_shared as (
    {{ expand_cells('shared', none, ['person_key'], expand_periods=false) }}
),

times as (
    -- deaths and exits at each distinct time in each cell
    select
        {{ cell_keys() }},
        t,
        sum(event) as d,
        count(*) as leaving
    from expanded
    group by {{ cell_keys() }}, t
),

at_risk as (
    select
        *,
        sum(leaving) over (
            partition by {{ cell_keys() }}
            order by t desc rows between unbounded preceding and current row
        ) as n_at_risk,
        sum(leaving) over (
            partition by {{ cell_keys() }}
        ) as n_total
    from times
),

steps as (
    select
        *,
        -- log S(t) and Greenwood's sum up to t, over event times only
        sum(case when d > 0 and d < n_at_risk then ln(1 - d / n_at_risk) end) over (
            partition by {{ cell_keys() }}
            order by t rows between unbounded preceding and current row
        ) as log_s,
        max(case when d > 0 and d = n_at_risk then 1 else 0 end) over (
            partition by {{ cell_keys() }}
            order by t rows between unbounded preceding and current row
        ) as reached_zero,
        sum(case when d > 0 and d < n_at_risk then d / (n_at_risk * (n_at_risk - d)) end) over (
            partition by {{ cell_keys() }}
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
            else exp(-exp(ln(-log_s) - {{ z_95() }} * sqrt(greenwood) / log_s))
        end as s_lower,
        case
            when reached_zero = 1 then 0.0
            when log_s = 0 then 1.0
            else exp(-exp(ln(-log_s) + {{ z_95() }} * sqrt(greenwood) / log_s))
        end as s_upper
    from steps
),

cells as (
    -- S is the exp of a sum of logs: where the product is exactly one half (0.75 x 2/3, say) it
    -- can come out a hair above (0.5000000000000001) and miss the median that lifelines'
    -- running product finds. So an S within 1e-12 above one half counts as reached.
    select
        {{ cell_keys() }},
        min(case when s <= 0.5 + 1e-12 then t end) as median_t,
        min(case when s_lower <= 0.5 then t end) as low_t,
        min(case when s_upper <= 0.5 then t end) as high_t
    from curve
    group by {{ cell_keys() }}
),

shared_people as (
    select
        {{ cell_keys() }},
        count(distinct person_key) as people
    from expanded_shared
    group by {{ cell_keys() }}
),

sizes as (
    select
        {{ cell_keys('counted') }},
        counted.single_unit_people + coalesce(shared_people.people, 0) as n,
        counted.units,
        counted.events
    from (
        select
            {{ cell_keys() }},
            sum(case when counts_person then 1 else 0 end) as single_unit_people,
            count(*) as units,
            sum(event) as events
        from expanded
        group by {{ cell_keys() }}
    ) as counted
    left join shared_people on {{ cell_join('counted', 'shared_people') }}
),

final as (
    select
        'median_days_to_job_or_education' as metric_id,
        'all' as population,
        {{ cell_keys('sizes') }},
        sizes.n,
        cast(sizes.events as double) as numerator,
        cast(sizes.units as double) as denominator,
        cast(cells.median_t as double) as value,
        cast(cells.low_t as double) as ci_low,
        cast(cells.high_t as double) as ci_high,
        case when cells.median_t is null then 'median not reached' end as detail,
        pending.period_fingerprint,
        current_timestamp as _built_at
    from sizes
    inner join pending on {{ period_join('sizes', 'pending') }}
    left join cells
        on {{ cell_join('sizes', 'cells') }}
)

select * from final
