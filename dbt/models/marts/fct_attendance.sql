{{ config(
    materialized='incremental',
    on_schema_change='append_new_columns',
    **attendance_incremental_config('attendance_month')
) }}
-- depends_on: {{ ref('int_participants') }} (consent withdrawals: drop_withdrawn_consent)
-- One row per consenting participant, enrolment and planned day. Days are tied to their
-- enrolment by the delivered enrolment_id, or else by the spell of the same person and partner
-- that covers the date. Participants without consent are left out, so no attendance metric can
-- ever count them (and a hook removes the history of anyone whose consent was withdrawn).
--
-- Incremental: a run rebuilds only the months from the latest month already loaded (minus
-- var attendance_lookback_months) onwards, and any older month a newer delivery touched (a
-- corrected re-delivery), so a new month of deliveries does not rebuild all history.
-- `dbt build --full-refresh` rebuilds everything and gives the same rows (tested).
with staged as (
    select
        *,
        cast({{ dbt.date_trunc('month', 'attendance_date') }} as date) as attendance_month
    from {{ ref('stg_attendance') }}
),

attendance as (
    select * from staged
    {% if is_incremental() %}
        where {{ attendance_rebuild_periods(
            'attendance_month', ref('stg_attendance'),
            'cast(' ~ dbt.date_trunc('month', 'attendance_date') ~ ' as date)') }}
    {% endif %}
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
        attendance.attendance_month,
        attendance.planned_hours,
        attendance.attended_hours,
        attendance.absence_reason,
        attendance._delivery_seq,
        -- when this row was (re)built: shows which months an incremental run touched
        current_timestamp as _built_at,
        {{ participants_seen() }} as _participants_seen
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
