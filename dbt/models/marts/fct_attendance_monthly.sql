{{ config(
    materialized='incremental',
    on_schema_change='append_new_columns',
    **attendance_incremental_config('attendance_month')
) }}
-- depends_on: {{ ref('int_participants') }} (consent withdrawals: drop_withdrawn_consent)
-- Attendance per consenting participant, enrolment and month: the grain the attendance_rate
-- metric aggregates from, so metrics never re-read all days. Incremental like fct_attendance.
-- The closing hours are those of the month's last 28 days: in the last month of a quarter they
-- are the stable-attendance window of every period ending with that quarter
-- (int_stable_attendance_windows), so that metric need not re-read the days either.
with days as (
    select * from {{ ref('fct_attendance') }}
    {% if is_incremental() %}
        where {{ attendance_rebuild_periods('attendance_month', ref('fct_attendance')) }}
    {% endif %}
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
        sum(case when attendance_date > {{ closing_window_start() }} then planned_hours end)
            as closing_planned_hours,
        sum(case when attendance_date > {{ closing_window_start() }} then attended_hours end)
            as closing_attended_hours,
        min(attendance_date) as first_attendance_date,
        max(_delivery_seq) as _delivery_seq
    from days
    group by enrolment_key, person_key, initiative_id, partnership_id, attendance_month
)

-- the participants this build saw (drop_withdrawn_consent)
select
    *,
    {{ participants_seen() }} as _participants_seen
from final
