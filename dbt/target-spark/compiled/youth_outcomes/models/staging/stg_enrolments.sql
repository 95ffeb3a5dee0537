-- Programme spells, typed; enrolment IDs are partner-local, so the key includes the partner.
with source as (
    select * from raw.enrolments
    where person_key is not null
),

typed as (
    select
        _partner || ':' || enrolment_id as enrolment_key,
        enrolment_id,
        person_key,
        _partner as partner,
        upper(initiative_id) as initiative_id,
        upper(partnership_id) as partnership_id,
        try_cast(start_date as date) as start_date,
        try_cast(end_date as date) as end_date,
        upper(exit_status) as exit_status,
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
                partition by enrolment_key
                order by _delivery_seq desc, _source_row desc
            ) as _delivery_rank
        from typed
    ) as ranked
    where ranked._delivery_rank = 1
)

select * from final