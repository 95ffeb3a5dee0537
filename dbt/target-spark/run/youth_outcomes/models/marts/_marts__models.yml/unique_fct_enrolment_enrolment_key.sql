
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

select
    enrolment_key as unique_field,
    count(*) as n_records

from marts.fct_enrolment
where enrolment_key is not null
group by enrolment_key
having count(*) > 1



  
  
      
    ) dbt_internal_test