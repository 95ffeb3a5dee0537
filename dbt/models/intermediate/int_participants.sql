-- One row per young person across all partners (DESIGN section 4): per attribute the most
-- recent non-blank value wins, and consent counts only if every partner's current record
-- gives it -- a withdrawal anywhere takes effect everywhere. Missing consent is no consent.
with records as (
    select * from {{ ref('stg_participants') }}
),

final as (
    select
        person_key,
        {{ latest_non_null('birth_year') }} as birth_year,
        {{ latest_non_null('gender') }} as gender,
        {{ latest_non_null('impairment_cognitive') }} as impairment_cognitive,
        {{ latest_non_null('impairment_physical') }} as impairment_physical,
        {{ latest_non_null('impairment_psychological') }} as impairment_psychological,
        coalesce(bool_and(coalesce(consent, false)), false) as has_consent,
        count(*) as partner_records,
        -- the latest delivery holding one of the person's records: consent cannot change
        -- without one (drop_withdrawn_consent)
        max(_delivery_seq) as _latest_delivery_seq
    from records
    group by person_key
)

select * from final
