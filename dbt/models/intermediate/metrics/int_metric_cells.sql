-- Count, proportion and mean metrics for every cell (initiative x partnership/ALL x period x
-- subgroup): n participants, numerator, denominator, value and 95 % interval --
-- Wilson for proportions, Student's t for means -- from the sums in int_metric_cell_stats.
with cells as (
    select * from {{ ref('int_metric_cell_stats') }}
),

catalogue as (
    select * from {{ ref('metric_catalogue') }}
),

with_t as (
    select
        cells.*,
        catalogue.kind,
        {{ t_975('cells.units - 1', 't_quantiles.t_975') }} as t_crit
    from cells
    inner join catalogue on cells.metric_id = catalogue.metric_id
    left join {{ ref('t_quantiles') }} as t_quantiles on cells.units - 1 = t_quantiles.df
),

final as (
    select
        metric_id,
        population,
        {{ cell_keys() }},
        n,
        case when kind = 'mean' then cast(null as double) else sum_x end as numerator,
        case when kind = 'count' then cast(null as double) else cast(units as double) end
            as denominator,
        case when kind = 'count' then cast(units as double) else mean_x end as value,
        case
            when kind = 'proportion' then {{ wilson_low('sum_x', 'units') }}
            when kind = 'mean' and units > 1 then mean_x - t_crit * sd_x / sqrt(units)
        end as ci_low,
        case
            when kind = 'proportion' then {{ wilson_high('sum_x', 'units') }}
            when kind = 'mean' and units > 1 then mean_x + t_crit * sd_x / sqrt(units)
        end as ci_high,
        case
            when detail is not null then 'instruments: ' || detail
        end as detail
    from with_t
)

select * from final
