
  
    
        create table marts.fct_attendance_weekly
      
      
    using parquet
      
      
      partitioned by (week_start)
      
      
      

      as
      
-- depends_on: intermediate.int_participants (consent withdrawals, attendance_withdrawn)
-- Attendance per consenting participant, enrolment and week (weeks start on Monday), with the
-- week's attendance rate. Incremental like fct_attendance: only recent weeks are rebuilt.
with days as (
    select
        *,
        cast(date_trunc('week', attendance_date) as date) as week_start
    from marts.fct_attendance
),

recent as (
    select * from days
    
),

final as (
    select
        enrolment_key,
        person_key,
        initiative_id,
        partnership_id,
        week_start,
        count(*) as planned_days,
        sum(case when attended_hours > 0 then 1 else 0 end) as attended_days,
        sum(planned_hours) as planned_hours,
        sum(attended_hours) as attended_hours,
        case when sum(planned_hours) > 0 then sum(attended_hours) / sum(planned_hours) end
            as attendance_rate,
        max(_delivery_seq) as _delivery_seq
    from recent
    group by enrolment_key, person_key, initiative_id, partnership_id, week_start
)

select * from final
  