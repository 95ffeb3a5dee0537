{{ config(**staged_by_delivery_config(
    ['person_key', 'partner', 'instrument', 'item', 'assessed_on'])) }}
-- Progression item scores in the instrument's own units (normalised in later models). Kept by
-- delivery like stg_attendance: the latest-delivery ranking of every score ever delivered ran
-- on each run in every reader (int_progression_items, the not_null test): 1.8 M rows at DK5Y.
-- Every CTE before `final` is inlined: latest_delivery reads `typed` four times.
with source as {{ inlined() }} (
    select * from {{ source('raw', 'measurements') }}
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
        {{ dbt.safe_cast('assessed_on', 'date') }} as assessed_on,
        upper(instrument) as instrument,
        upper(item) as item,
        {{ dbt.safe_cast('score', 'double') }} as score,
        lower(assessor_role) as assessor_role,
        _delivery,
        _source_row,
        _loaded_at,
        _delivery_seq
    from delivered
),

final as (
    {{ latest_delivery('typed', 'person_key, partner, instrument, item, assessed_on') }}
)

select * from final  -- noqa: AM04
