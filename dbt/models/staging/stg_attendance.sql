{{ config(
    materialized=('view' if target.type == 'spark' else 'incremental'),
    incremental_strategy='delete+insert',
    unique_key=['person_key', 'partner', 'attendance_date'],
) }}
-- One typed row per participant, partner and day (latest delivery wins).
--
-- The biggest table of the warehouse, read by several models and tests: on DuckDB it is a table
-- built incrementally by delivery, so the latest-delivery ranking runs once, over new
-- deliveries only. Delivery numbers only grow, so a run ranks the rows of deliveries newer than
-- any already here and replaces the days they deliver again (delete+insert on the natural key):
-- the same rows as ranking all history (tested: the incremental integration test compares with
-- a full refresh). On Spark it stays a view (plain Parquet has no delete).
with source as (
    select * from {{ source('raw', 'attendance') }}
    where person_key is not null
),

delivered as (
    select * from source
    {% if is_incremental() %}
        where _delivery_seq > (select coalesce(max(_delivery_seq), 0) from {{ this }})
    {% endif %}
),

typed as (
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

select * from final
