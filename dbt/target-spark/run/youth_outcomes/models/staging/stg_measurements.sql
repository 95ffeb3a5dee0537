create or replace view staging.stg_measurements
  
  
  as
    -- Progression item scores in the instrument's own units (normalised in later models).
with source as (
    select * from raw.measurements
    where person_key is not null
),

typed as (
    select
        person_key,
        _partner as partner,
        try_cast(assessed_on as date) as assessed_on,
        upper(instrument) as instrument,
        upper(item) as item,
        try_cast(score as double) as score,
        lower(assessor_role) as assessor_role,
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
                partition by person_key, partner, instrument, item, assessed_on
                order by _delivery_seq desc, _source_row desc
            ) as _delivery_rank
        from typed
    ) as ranked
    where ranked._delivery_rank = 1
)

select * from final
