-- One row per young person across all partners (DESIGN section 4): per attribute the most
-- recent non-blank value wins, and consent counts only if every partner's current record
-- gives it -- a withdrawal anywhere takes effect everywhere. Missing consent is no consent.
with records as (
    select * from {{ ref('stg_participants') }}
),

-- everyone any delivered record (of any partner, at any time) gave consent: only they can ever
-- have been in the attendance facts
ever_consented as (
    select distinct person_key
    from {{ source('raw', 'participants') }}
    where {{ parse_bool('consent') }}
),

final as (
    select
        records.person_key,
        {{ latest_non_null('birth_year') }} as birth_year,
        {{ latest_non_null('gender') }} as gender,
        {{ latest_non_null('impairment_cognitive') }} as impairment_cognitive,
        {{ latest_non_null('impairment_physical') }} as impairment_physical,
        {{ latest_non_null('impairment_psychological') }} as impairment_psychological,
        coalesce(bool_and(coalesce(records.consent, false)), false) as has_consent,
        count(*) as partner_records,
        -- the latest delivery holding one of the person's records: consent cannot change
        -- without one (drop_withdrawn_consent)
        max(records._delivery_seq) as _latest_delivery_seq,
        ever_consented.person_key is not null as ever_consented
    from records
    left join ever_consented on records.person_key = ever_consented.person_key
    group by records.person_key, ever_consented.person_key
)

select * from final
