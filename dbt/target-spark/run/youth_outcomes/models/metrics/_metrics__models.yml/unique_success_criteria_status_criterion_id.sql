
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

select
    criterion_id as unique_field,
    count(*) as n_records

from marts.success_criteria_status
where criterion_id is not null
group by criterion_id
having count(*) > 1



  
  
      
    ) dbt_internal_test