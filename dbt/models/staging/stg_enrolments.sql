-- Programme spells, typed; enrolment IDs are partner-local, so the key includes the partner.
-- Every CTE before `final` is inlined: latest_delivery reads `typed` four times.
with source as {{ inlined() }} (
    select * from {{ source('raw', 'enrolments') }}
    where person_key is not null
),

typed as {{ inlined() }} (
    select
        _partner || ':' || enrolment_id as enrolment_key,
        enrolment_id,
        person_key,
        _partner as partner,
        upper(initiative_id) as initiative_id,
        upper(partnership_id) as partnership_id,
        {{ dbt.safe_cast('start_date', 'date') }} as start_date,
        {{ dbt.safe_cast('end_date', 'date') }} as end_date,
        upper(exit_status) as exit_status,
        _delivery,
        _source_row,
        _loaded_at,
        _delivery_seq
    from source
),

final as (
    {{ latest_delivery('typed', 'enrolment_key') }}
)

select * from final  -- noqa: AM04
