-- One typed row per participant record as delivered by each partner (latest delivery wins
-- within a partner). Merging across partners happens in int_participants.
with source as (
    select * from raw.participants
    where person_key is not null
),

typed as (
    select
        person_key,
        _partner as partner,
        try_cast(birth_year as integer) as birth_year,
        case upper(gender) when 'F' then 'F' when 'M' then 'M' when 'X' then 'X' end as gender,
        case lower(impairment_cognitive) when 'true' then true when 'false' then false end as impairment_cognitive,
        case lower(impairment_physical) when 'true' then true when 'false' then false end as impairment_physical,
        case lower(impairment_psychological) when 'true' then true when 'false' then false end as impairment_psychological,
        case lower(consent) when 'true' then true when 'false' then false end as consent,
        try_cast(consent_date as date) as consent_date,
        _delivery,
        _source_row,
        _loaded_at,
        _delivery_seq
    from source
),

final as (
    select ranked.*
    from (
        select
            typed.*,
            row_number() over (
                partition by person_key, partner
                order by _delivery_seq desc, _source_row desc
            ) as _delivery_rank
        from typed
    ) as ranked
    where ranked._delivery_rank = 1
)

select * from final