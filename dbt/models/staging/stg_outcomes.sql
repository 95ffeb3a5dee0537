-- Status spells (job, education, ...) reported during or after the programme.
-- Every CTE before `final` is inlined: latest_delivery reads `typed` four times.
with source as {{ inlined() }} (
    select * from {{ source('raw', 'outcomes') }}
    where person_key is not null
),

typed as {{ inlined() }} (
    select
        person_key,
        _partner as partner,
        upper(status) as status,
        {{ dbt.safe_cast('status_from', 'date') }} as status_from,
        {{ dbt.safe_cast('status_to', 'date') }} as status_to,
        source as reported_by,
        _delivery,
        _source_row,
        _loaded_at,
        _delivery_seq
    from source
),

final as (
    {{ latest_delivery('typed', 'person_key, partner, status, status_from') }}
)

select * from final  -- noqa: AM04
