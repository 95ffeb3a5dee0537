
  
    
        create table marts.fct_attendance_monthly
      
      
    using parquet
      
      
      partitioned by (attendance_month)
      
      
      

      as
      
-- depends_on: intermediate.int_participants (consent withdrawals, attendance_withdrawn)
-- Attendance per consenting participant, enrolment and month: the grain the attendance_rate
-- metric aggregates from, so metrics never re-read all days. Incremental like fct_attendance.
with days as (
    select * from marts.fct_attendance
    
),

final as (
    select
        enrolment_key,
        person_key,
        initiative_id,
        partnership_id,
        attendance_month,
        sum(planned_hours) as planned_hours,
        sum(attended_hours) as attended_hours,
        max(_delivery_seq) as _delivery_seq
    from days
    group by enrolment_key, person_key, initiative_id, partnership_id, attendance_month
)

select * from final
  