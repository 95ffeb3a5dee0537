
    
    

with all_values as (

    select
        population as value_field,
        count(*) as n_records

    from marts.metric_values
    group by population

)

select *
from all_values
where value_field not in (
    'all','ended','min_365_days'
)


