
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

select
    initiative_id as unique_field,
    count(*) as n_records

from marts.dim_initiative
where initiative_id is not null
group by initiative_id
having count(*) > 1



  
  
      
    ) dbt_internal_test