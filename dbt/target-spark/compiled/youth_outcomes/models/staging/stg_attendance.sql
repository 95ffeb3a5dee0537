-- One typed row per participant, partner and day (latest delivery wins).
with source as (
    select * from raw.attendance
    where person_key is not null
),

typed as (
    select
        person_key,
        _partner as partner,
        try_cast(date as date) as attendance_date,
        try_cast(planned_hours as double) as planned_hours,
        try_cast(attended_hours as double) as attended_hours,
        lower(absence_reason) as absence_reason,
        case
            when enrolment_id is not null then _partner || ':' || enrolment_id
        end as enrolment_key,
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
                partition by person_key, partner, attendance_date
                order by _delivery_seq desc, _source_row desc
            ) as _delivery_rank
        from typed
    ) as ranked
    where ranked._delivery_rank = 1
)

select * from final