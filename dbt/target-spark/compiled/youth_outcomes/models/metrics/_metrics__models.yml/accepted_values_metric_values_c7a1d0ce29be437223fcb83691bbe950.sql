
    
    

with all_values as (

    select
        period_type as value_field,
        count(*) as n_records

    from marts.metric_values
    group by period_type

)

select *
from all_values
where value_field not in (
    'quarter','half_year','year','cumulative'
)


