
  
    
        create table intermediate.int_metric_attendance_rate
      
      
      
      
      
      
      
      

      as
      -- attendance_rate: attended / planned hours per cell, consenting participants only
-- (fct_attendance holds no one else).
--
-- Interval: days cluster within participants, so each participant is one cluster. The value is
-- the ratio of sums R = sum(A_i) / sum(P_i) over participants i; its linearised (HC1) variance is
-- n / (n - 1) * sum((A_i - R * P_i)^2) / sum(P_i)^2, the same as a weighted least-squares fit of
-- the participants' rates with weights P_i and HC1 standard errors. 95 % normal interval,
-- clipped to [0, 1] (or to the value when attended hours exceed planned).
-- Aggregated from fct_attendance_monthly (incremental), so a run never re-reads all days; with
-- an as_of var inside a month, that whole month counts.
with monthly as (
    select
        monthly.person_key,
        monthly.initiative_id,
        monthly.partnership_id,
        fct_enrolment.age_band,
        fct_enrolment.gender,
        fct_enrolment.impairment_group,
        monthly.attendance_month as month_start,
        monthly.attended_hours as attended,
        monthly.planned_hours as planned
    from marts.fct_attendance_monthly as monthly
    inner join marts.fct_enrolment as fct_enrolment
        on monthly.enrolment_key = fct_enrolment.enrolment_key
    where monthly.attendance_month <= fct_enrolment.as_of_date
),

expanded as (
    select
        src.person_key,
        src.attended,
        src.planned,
        src.initiative_id,
        case when rollups.to_all then 'ALL' else src.partnership_id end as partnership_id,
        
            periods.period_type,
            case periods.period_type
        when 'quarter' then cast(date_trunc('quarter', src.month_start) as date)
        when 'half_year' then cast(add_months(date_trunc('year', src.month_start), cast(((case when extract(month from src.month_start) > 6 then 6 else 0 end)) * 1 as int)) as date)
        when 'year' then cast(date_trunc('year', src.month_start) as date)
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
    from monthly as src
    inner join marts.dim_initiative as initiatives
        on src.initiative_id = initiatives.initiative_id
    
        cross join (values ('quarter'), ('half_year'), ('year'), ('cumulative'))
        as periods (period_type)
    
    cross join
        (values ('all'), ('age_band'), ('gender'), ('impairment_group'))
            as subgroups (subgroup_type)
    cross join (values (false), (true)) as rollups (to_all)
),

per_participant as (
    select
        initiative_id, partnership_id, period_type, period_start, subgroup_type, subgroup,
        person_key,
        sum(attended) as attended,
        sum(planned) as planned
    from expanded
    group by initiative_id, partnership_id, period_type, period_start, subgroup_type, subgroup, person_key
    having sum(planned) > 0
),

cells as (
    select
        initiative_id, partnership_id, period_type, period_start, subgroup_type, subgroup,
        count(*) as n,
        sum(attended) as numerator,
        sum(planned) as denominator,
        sum(attended) / sum(planned) as value
    from per_participant
    group by initiative_id, partnership_id, period_type, period_start, subgroup_type, subgroup
),

spread as (
    select
        cells.initiative_id, cells.partnership_id, cells.period_type, cells.period_start, cells.subgroup_type, cells.subgroup,
        sum(power(per_participant.attended - cells.value * per_participant.planned, 2))
            as sum_sq_residual
    from cells
    inner join per_participant
        on cells.initiative_id = per_participant.initiative_id and cells.partnership_id = per_participant.partnership_id and cells.period_type = per_participant.period_type and cells.period_start = per_participant.period_start and cells.subgroup_type = per_participant.subgroup_type and cells.subgroup = per_participant.subgroup
    group by cells.initiative_id, cells.partnership_id, cells.period_type, cells.period_start, cells.subgroup_type, cells.subgroup
),

with_se as (
    select
        cells.*,
        case
            when cells.n > 1
                then sqrt(cast(cells.n as double) / (cells.n - 1) * spread.sum_sq_residual) / cells.denominator
        end as standard_error
    from cells
    inner join spread
        on cells.initiative_id = spread.initiative_id and cells.partnership_id = spread.partnership_id and cells.period_type = spread.period_type and cells.period_start = spread.period_start and cells.subgroup_type = spread.subgroup_type and cells.subgroup = spread.subgroup
),

final as (
    select
        'attendance_rate' as metric_id,
        'all' as population,
        initiative_id, partnership_id, period_type, period_start, subgroup_type, subgroup,
        n,
        numerator,
        denominator,
        value,
        greatest(0.0, value - cast(1.959963984540054 as double) * standard_error) as ci_low,
        least(greatest(1.0, value), value + cast(1.959963984540054 as double) * standard_error) as ci_high,
        cast(null as string) as detail
    from with_se
)

select * from final
  