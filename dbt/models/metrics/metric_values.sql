-- The long metric table (DESIGN section 5): one row per metric x population x initiative x
-- partnership (or ALL) x period x subgroup, each value with its numerator, denominator, n and
-- 95 % interval, and the method that gave the interval.
with metrics as (
    select * from {{ ref('int_metric_cells') }}
    union all
    select * from {{ ref('int_metric_attendance_rate') }}
    union all
    select * from {{ ref('int_metric_stable_attendance') }}
    union all
    select * from {{ ref('int_metric_km_median') }}
),

catalogue as (
    select * from {{ ref('metric_catalogue') }}
),

as_of as (
    select as_of_date from {{ ref('int_as_of') }}
),

final as (
    select
        metrics.metric_id,
        metrics.population,
        metrics.initiative_id,
        metrics.partnership_id,
        metrics.period_type,
        metrics.period_start,
        {{ period_end('metrics.period_type', 'metrics.period_start', 'as_of.as_of_date') }}
            as period_end,
        {{ period_label('metrics.period_type', 'metrics.period_start') }} as period_label,
        metrics.subgroup_type,
        metrics.subgroup,
        cast(metrics.n as bigint) as n,
        metrics.numerator,
        metrics.denominator,
        metrics.value,
        metrics.ci_low,
        metrics.ci_high,
        catalogue.interval_method as method,
        metrics.detail
    from metrics
    inner join catalogue on metrics.metric_id = catalogue.metric_id
    cross join as_of
)

select * from final
