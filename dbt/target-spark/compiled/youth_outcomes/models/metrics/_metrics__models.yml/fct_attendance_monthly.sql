
-- Fixture for fct_attendance_monthly
select try_cast('ea' as string) as `enrolment_key`, try_cast('a' as string) as `person_key`, try_cast('I' as string) as `initiative_id`, try_cast('P' as string) as `partnership_id`, try_cast(8 as double) as `planned_hours`, try_cast(6 as double) as `attended_hours`, try_cast(null as bigint) as `_delivery_seq`, try_cast('2024-02-01' as date) as `attendance_month`
union all
select try_cast('eb' as string) as `enrolment_key`, try_cast('b' as string) as `person_key`, try_cast('I' as string) as `initiative_id`, try_cast('P' as string) as `partnership_id`, try_cast(4 as double) as `planned_hours`, try_cast(2 as double) as `attended_hours`, try_cast(null as bigint) as `_delivery_seq`, try_cast('2024-02-01' as date) as `attendance_month`