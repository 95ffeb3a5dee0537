
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

select
    partner_system as unique_field,
    count(*) as n_records

from reference.partnerships
where partner_system is not null
group by partner_system
having count(*) > 1



  
  
      
    ) dbt_internal_test