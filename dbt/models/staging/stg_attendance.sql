{{ config(**staged_by_delivery_config(['person_key', 'partner', 'attendance_date'])) }}
-- One typed row per participant, partner and day (latest delivery wins).
--
-- The biggest table of the warehouse, read by several models and tests: kept by delivery
-- (staged_by_delivery_config), so the latest-delivery ranking runs over new deliveries only
-- (tested: the incremental integration test compares with a full refresh). Written in month order
-- (stored_by_month), so that a run rebuilding recent months reads only their row groups.
-- Every CTE before `final` is inlined: latest_delivery reads `typed` four times.
with source as {{ inlined() }} (
    select * from {{ source('raw', 'attendance') }}
    where person_key is not null
),

delivered as {{ inlined() }} (
    select * from source
    {{ newer_deliveries() }}
),

typed as {{ inlined() }} (
    select
        person_key,
        _partner as partner,
        {{ dbt.safe_cast('date', 'date') }} as attendance_date,
        {{ dbt.safe_cast('planned_hours', 'double') }} as planned_hours,
        {{ dbt.safe_cast('attended_hours', 'double') }} as attended_hours,
        lower(absence_reason) as absence_reason,
        case
            when enrolment_id is not null then _partner || ':' || enrolment_id
        end as enrolment_key,
        _delivery,
        _source_row,
        _loaded_at,
        _delivery_seq
    from delivered
),

final as (
    {{ latest_delivery('typed', 'person_key, partner, attendance_date') }}
)

select * from final  -- noqa: AM04
{{ stored_by_month('attendance_date') }}
