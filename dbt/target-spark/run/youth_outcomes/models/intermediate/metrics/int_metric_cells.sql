
  
    
        create table intermediate.int_metric_cells
      
      
      
      
      
      
      
      

      as
      -- Count, proportion and mean metrics for every cell (initiative x partnership/ALL x period x
-- subgroup): n participants, numerator, denominator, value and 95 % interval --
-- Wilson for proportions, Student's t for means.
with units as (
    select * from intermediate.int_metric_units
),

catalogue as (
    select * from reference.metric_catalogue
),

expanded as (
    select
        src.metric_id,
        src.population,
        src.person_key,
        src.detail,
        src.x,
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
        (values ('all'), ('age_band'), ('gender'), ('impairment_group'))
            as subgroups (subgroup_type)
    cross join (values (false), (true)) as rollups (to_all)
),

cells as (
    select
        expanded.metric_id,
        expanded.population,
        expanded.initiative_id, expanded.partnership_id, expanded.period_type, expanded.period_start, expanded.subgroup_type, expanded.subgroup,
        count(distinct expanded.person_key) as n,
        count(*) as units,
        sum(expanded.x) as sum_x,
        avg(expanded.x) as mean_x,
        stddev_samp(expanded.x) as sd_x,
        case
        when count(expanded.detail) > 0
            then array_join(array_sort(collect_set(expanded.detail)), ', ')
    end as detail
    from expanded
    group by expanded.metric_id, expanded.population, expanded.initiative_id, expanded.partnership_id, expanded.period_type, expanded.period_start, expanded.subgroup_type, expanded.subgroup
),

with_t as (
    select
        cells.*,
        catalogue.kind,
        coalesce(t_quantiles.t_975,
        cast(1.959963984540054 as double)
        + (power(cast(1.959963984540054 as double), 3) + cast(1.959963984540054 as double)) / (4.0 * (cells.units - 1))
        + (5 * power(cast(1.959963984540054 as double), 5) + 16 * power(cast(1.959963984540054 as double), 3) + 3 * cast(1.959963984540054 as double))
            / (96.0 * power(cells.units - 1, 2))
        + (3 * power(cast(1.959963984540054 as double), 7) + 19 * power(cast(1.959963984540054 as double), 5)
            + 17 * power(cast(1.959963984540054 as double), 3) - 15 * cast(1.959963984540054 as double)) / (384.0 * power(cells.units - 1, 3))
        + (79 * power(cast(1.959963984540054 as double), 9) + 776 * power(cast(1.959963984540054 as double), 7)
            + 1482 * power(cast(1.959963984540054 as double), 5) - 1920 * power(cast(1.959963984540054 as double), 3)
            - 945 * cast(1.959963984540054 as double)) / (92160.0 * power(cells.units - 1, 4))) as t_crit
    from cells
    inner join catalogue on cells.metric_id = catalogue.metric_id
    left join reference.t_quantiles as t_quantiles on cells.units - 1 = t_quantiles.df
),

final as (
    select
        metric_id,
        population,
        initiative_id, partnership_id, period_type, period_start, subgroup_type, subgroup,
        n,
        case when kind = 'mean' then cast(null as double) else sum_x end as numerator,
        case when kind = 'count' then cast(null as double) else cast(units as double) end
            as denominator,
        case when kind = 'count' then cast(units as double) else mean_x end as value,
        case
            when kind = 'proportion' then case when units > 0 then
        ((sum_x) / (units) + cast(1.959963984540054 as double) * cast(1.959963984540054 as double) / (2.0 * (units))
         - cast(1.959963984540054 as double) * sqrt((sum_x) / (units) * (1 - (sum_x) / (units)) / (units)
                          + cast(1.959963984540054 as double) * cast(1.959963984540054 as double) / (4.0 * (units) * (units))))
        / (1 + cast(1.959963984540054 as double) * cast(1.959963984540054 as double) / (units))
    end
            when kind = 'mean' and units > 1 then mean_x - t_crit * sd_x / sqrt(units)
        end as ci_low,
        case
            when kind = 'proportion' then case when units > 0 then
        ((sum_x) / (units) + cast(1.959963984540054 as double) * cast(1.959963984540054 as double) / (2.0 * (units))
         + cast(1.959963984540054 as double) * sqrt((sum_x) / (units) * (1 - (sum_x) / (units)) / (units)
                          + cast(1.959963984540054 as double) * cast(1.959963984540054 as double) / (4.0 * (units) * (units))))
        / (1 + cast(1.959963984540054 as double) * cast(1.959963984540054 as double) / (units))
    end
            when kind = 'mean' and units > 1 then mean_x + t_crit * sd_x / sqrt(units)
        end as ci_high,
        case
            when detail is not null then 'instruments: ' || detail
        end as detail
    from with_t
)

select * from final
  