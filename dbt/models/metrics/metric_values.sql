-- The long metric table (DESIGN section 5): one row per metric x initiative x partnership
-- (or ALL) x period x subgroup, each value with its numerator, denominator, n and interval.
with metrics as (
    select * from {{ ref('int_metric_enrolled') }}
    union all
    select * from {{ ref('int_metric_attendance_rate') }}
),

catalogue as (
    select * from {{ ref('metric_catalogue') }}
),

final as (
    select
        metrics.metric_id,
        metrics.initiative_id,
        metrics.partnership_id,
        'half_year' as period_type,
        metrics.period_start,
        cast({{ dbt.dateadd('day', -1, dbt.dateadd('month', 6, 'metrics.period_start')) }} as date)
            as period_end,
        {{ half_year_label('metrics.period_start') }} as period_label,
        'all' as subgroup_type,
        'all' as subgroup,
        cast(metrics.n as bigint) as n,
        metrics.numerator,
        metrics.denominator,
        metrics.value,
        metrics.ci_low,
        metrics.ci_high,
        catalogue.interval_method as method
    from metrics
    inner join catalogue on metrics.metric_id = catalogue.metric_id
)

select * from final
