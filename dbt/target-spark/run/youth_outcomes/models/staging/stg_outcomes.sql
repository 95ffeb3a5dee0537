create or replace view staging.stg_outcomes
  
  
  as
    -- Status spells (job, education, ...) reported during or after the programme.
with source as (
    select * from raw.outcomes
    where person_key is not null
),

typed as (
    select
        person_key,
        _partner as partner,
        upper(status) as status,
        try_cast(status_from as date) as status_from,
        try_cast(status_to as date) as status_to,
        source as reported_by,
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
                partition by person_key, partner, status, status_from
                order by _delivery_seq desc, _source_row desc
            ) as _delivery_rank
        from typed
    ) as ranked
    where ranked._delivery_rank = 1
)

select * from final
