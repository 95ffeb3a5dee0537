-- One typed row per participant record as delivered by each partner (latest delivery wins
-- within a partner). Merging across partners happens in int_participants.
-- Every CTE before `final` is inlined: latest_delivery reads `typed` four times.
with source as {{ inlined() }} (
    select * from {{ source('raw', 'participants') }}
    where person_key is not null
),

typed as {{ inlined() }} (
    select
        person_key,
        _partner as partner,
        {{ dbt.safe_cast('birth_year', 'integer') }} as birth_year,
        case upper(gender) when 'F' then 'F' when 'M' then 'M' when 'X' then 'X' end as gender,
        {{ parse_bool('impairment_cognitive') }} as impairment_cognitive,
        {{ parse_bool('impairment_physical') }} as impairment_physical,
        {{ parse_bool('impairment_psychological') }} as impairment_psychological,
        {{ parse_bool('consent') }} as consent,
        {{ dbt.safe_cast('consent_date', 'date') }} as consent_date,
        _delivery,
        _source_row,
        _loaded_at,
        _delivery_seq
    from source
),

final as (
    {{ latest_delivery('typed', 'person_key, partner') }}
)

select * from final  -- noqa: AM04
