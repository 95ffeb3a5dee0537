{{ config(
    materialized='incremental',
    on_schema_change='append_new_columns',
    **attendance_incremental_config('week_start')
) }}
-- depends_on: {{ ref('int_participants') }} (consent withdrawals: drop_withdrawn_consent)
-- Attendance per consenting participant, enrolment and week (weeks start on Monday), with the
-- week's attendance rate. Incremental like fct_attendance: only recent weeks are rebuilt.
with days as (
    select
        *,
        cast({{ dbt.date_trunc('week', 'attendance_date') }} as date) as week_start
    from {{ ref('fct_attendance') }}
),

recent as (
    select * from days
    {% if is_incremental() %}
        where {{ attendance_rebuild_periods(
            'week_start', ref('fct_attendance'),
            'cast(' ~ dbt.date_trunc('week', 'attendance_date') ~ ' as date)') }}
    {% endif %}
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

-- the participants this build saw (drop_withdrawn_consent)
select
    *,
    {{ participants_seen() }} as _participants_seen
from final
