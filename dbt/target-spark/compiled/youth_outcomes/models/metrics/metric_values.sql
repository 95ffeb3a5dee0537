-- The long metric table (DESIGN section 5): one row per metric x population x initiative x
-- partnership (or ALL) x period x subgroup, each value with its numerator, denominator, n and
-- 95 % interval, and the method that gave the interval.
with metrics as (
    select * from intermediate.int_metric_cells
    union all
    select * from intermediate.int_metric_attendance_rate
    union all
    select * from intermediate.int_metric_stable_attendance
    union all
    select * from intermediate.int_metric_km_median
),

catalogue as (
    select * from reference.metric_catalogue
),

as_of as (
    select as_of_date from intermediate.int_as_of
),

final as (
    select
        metrics.metric_id,
        metrics.population,
        metrics.initiative_id,
        metrics.partnership_id,
        metrics.period_type,
        metrics.period_start,
        case metrics.period_type
        when 'quarter'
            then cast(date_add(add_months(metrics.period_start, cast((3) * 1 as int)),
                 cast((-1) * 1 as int)) as date)
        when 'half_year'
            then cast(date_add(add_months(metrics.period_start, cast((6) * 1 as int)),
                 cast((-1) * 1 as int)) as date)
        when 'year'
            then cast(date_add(add_months(metrics.period_start, cast((12) * 1 as int)),
                 cast((-1) * 1 as int)) as date)
        else as_of.as_of_date
    end
            as period_end,
        case metrics.period_type
        when 'quarter' then cast(extract(year from metrics.period_start) as string)
            || '-Q' || cast(extract(quarter from metrics.period_start) as string)
        when 'half_year' then cast(extract(year from metrics.period_start) as string)
    || case when extract(month from metrics.period_start) = 1 then '-H1' else '-H2' end
        when 'year' then cast(extract(year from metrics.period_start) as string)
        else 'cumulative'
    end as period_label,
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