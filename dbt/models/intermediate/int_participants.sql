-- One row per young person across all partners (DESIGN section 4): per attribute the most
-- recent non-blank value wins, and consent counts only if every partner's current record
-- gives it -- a withdrawal anywhere takes effect everywhere. Missing consent is no consent.
with records as (
    select * from {{ ref('stg_participants') }}
),

final as (
    select
        person_key,
        arg_max(birth_year, _loaded_at) filter (where birth_year is not null) as birth_year,
        arg_max(gender, _loaded_at) filter (where gender is not null) as gender,
        arg_max(impairment_cognitive, _loaded_at)
            filter (where impairment_cognitive is not null) as impairment_cognitive,
        arg_max(impairment_physical, _loaded_at)
            filter (where impairment_physical is not null) as impairment_physical,
        arg_max(impairment_psychological, _loaded_at)
            filter (where impairment_psychological is not null) as impairment_psychological,
        coalesce(bool_and(coalesce(consent, false)), false) as has_consent,
        count(*) as partner_records
    from records
    group by person_key
)

select * from final
