
  
    
        create table intermediate.int_as_of
      
      
      
      
      
      
      
      

      as
      -- The as-of date of every metric: the dbt var `as_of` if given, else the latest date in the data.
with data_dates as (
    select max(start_date) as latest from staging.stg_enrolments
    union all
    select max(end_date) from staging.stg_enrolments
    union all
    select max(attendance_date) from staging.stg_attendance
),

final as (
    select
        
            max(latest) as as_of_date,
        
        max(latest) as latest_data_date
    from data_dates
)

select * from final
  