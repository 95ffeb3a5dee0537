
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  select facts.person_key
from marts.fct_attendance_monthly as facts
inner join intermediate.int_participants as participants
    on facts.person_key = participants.person_key
where not participants.has_consent

  
  
      
    ) dbt_internal_test