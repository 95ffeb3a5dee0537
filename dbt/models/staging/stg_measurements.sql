-- Progression item scores in the instrument's own units (normalised in later models).
with source as (
    select * from {{ source('raw', 'measurements') }}
    where person_key is not null
),

typed as (
    select
        person_key,
        _partner as partner,
        {{ dbt.safe_cast('assessed_on', 'date') }} as assessed_on,
        upper(instrument) as instrument,
        upper(item) as item,
        {{ dbt.safe_cast('score', 'double') }} as score,
        lower(assessor_role) as assessor_role,
        _delivery,
        _source_row,
        _loaded_at,
        _delivery_seq
    from source
),

final as (
    {{ latest_delivery('typed', 'person_key, partner, instrument, item, assessed_on') }}
)

select * from final
