
  
    
        create table marts.fct_outcome_status
      
      
      
      
      
      
      
      

      as
      -- Status history: every status spell reported for a consenting participant, with its group.
with statuses as (
    select * from staging.stg_outcomes
),

participants as (
    select * from intermediate.int_participants
    where has_consent
),

final as (
    select
        statuses.person_key,
        statuses.partner,
        statuses.status,
        codes.outcome_group,
        statuses.status_from,
        statuses.status_to,
        statuses.reported_by
    from statuses
    inner join participants on statuses.person_key = participants.person_key
    left join reference.outcome_codes as codes on statuses.status = codes.outcome_code
)

select * from final
  