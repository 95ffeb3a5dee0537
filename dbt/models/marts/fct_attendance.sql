-- One row per consenting participant, enrolment and planned day. Days are tied to their
-- enrolment by the delivered enrolment_id, or else by the spell of the same person and partner
-- that covers the date. Participants without consent are left out here, so no attendance
-- metric can ever count them.
with attendance as (
    select * from {{ ref('stg_attendance') }}
),

enrolments as (
    select * from {{ ref('fct_enrolment') }}
    where has_consent
),

matched as (
    select
        enrolments.enrolment_key,
        enrolments.person_key,
        enrolments.initiative_id,
        enrolments.partnership_id,
        attendance.attendance_date,
        attendance.planned_hours,
        attendance.attended_hours,
        attendance.absence_reason
    from attendance
    inner join enrolments
        on
            attendance.person_key = enrolments.person_key
            and attendance.partner = enrolments.partner
            and (
                attendance.enrolment_key = enrolments.enrolment_key
                or (
                    attendance.enrolment_key is null
                    and attendance.attendance_date >= enrolments.start_date
                    and attendance.attendance_date
                    <= coalesce(enrolments.end_date, attendance.attendance_date)
                )
            )
)

select * from matched
