-- The long metric table (DESIGN section 5): one row per metric x population x initiative x
-- partnership (or ALL) x period x subgroup, each value with its numerator, denominator, n and
-- 95 % interval, and the method that gave the interval. The metric models are read by column
-- name: the incremental ones also keep their period fingerprints.
with metrics as (
    {%- for model in ['int_metric_cells', 'int_metric_attendance_rate',
                      'int_metric_stable_attendance', 'int_metric_km_median'] %}
        select
            metric_id,
            population,
            {{ cell_keys() }},
            n,
            numerator,
            denominator,
            value,
            ci_low,
            ci_high,
            detail
        from {{ ref(model) }}
        {{ 'union all' if not loop.last }}
    {%- endfor %}
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
