-- Per consenting enrolment: status 6 and 12 months after start, and the time to the first job
-- or education (for Kaplan-Meier: an event, or censored at exit or the as-of date).
with enrolments as (
    select * from marts.fct_enrolment
    where has_consent
),

statuses as (
    select
        outcomes.person_key,
        outcomes.status,
        outcomes.status_from,
        outcomes.status_to,
        codes.outcome_group
    from staging.stg_outcomes as outcomes
    left join reference.outcome_codes as codes on outcomes.status = codes.outcome_code
),

horizons as (
    select
        *,
        cast(add_months(start_date, cast((6) * 1 as int)) as date) as date_6m,
        cast(add_months(start_date, cast((12) * 1 as int)) as date) as date_12m
    from enrolments
),

status_at as (
    -- the latest status reported on or before each horizon, after the start
    select
        horizons.enrolment_key,
        max(case when statuses.status_from <= horizons.date_6m then statuses.status_from end)
            as from_6m,
        max(case when statuses.status_from <= horizons.date_12m then statuses.status_from end)
            as from_12m,
        min(
            case
                when
                    statuses.outcome_group in ('employment', 'education')
                    and statuses.status_from
                    <= coalesce(horizons.end_date, horizons.as_of_date)
                    then statuses.status_from
            end
        ) as first_attached_on
    from horizons
    inner join statuses
        on
            horizons.person_key = statuses.person_key
            and horizons.start_date <= statuses.status_from
            and horizons.as_of_date >= statuses.status_from
    group by horizons.enrolment_key
),

groups_at as (
    select
        horizons.enrolment_key,
        max(case when statuses.status_from = status_at.from_6m then statuses.outcome_group end)
            as group_6m,
        max(case when statuses.status_from = status_at.from_12m then statuses.outcome_group end)
            as group_12m,
        max(case when statuses.status_from = status_at.from_6m then statuses.status end)
            as status_6m,
        max(case when statuses.status_from = status_at.from_12m then statuses.status end)
            as status_12m
    from horizons
    inner join status_at on horizons.enrolment_key = status_at.enrolment_key
    inner join statuses on horizons.person_key = statuses.person_key
    group by horizons.enrolment_key
),

final as (
    select
        horizons.enrolment_key,
        horizons.date_6m,
        horizons.date_12m,
        horizons.date_6m <= horizons.as_of_date as reached_6m,
        horizons.date_12m <= horizons.as_of_date as reached_12m,
        coalesce(horizons.end_date > horizons.date_6m, not horizons.is_ended) as active_6m,
        coalesce(horizons.end_date > horizons.date_12m, not horizons.is_ended) as active_12m,
        case
            when horizons.date_6m > horizons.as_of_date then null
            when coalesce(horizons.end_date > horizons.date_6m, not horizons.is_ended)
                then 'ACTIVE'
            else coalesce(groups_at.status_6m, 'UNKNOWN')
        end as status_6m,
        case
            when horizons.date_12m > horizons.as_of_date then null
            when coalesce(horizons.end_date > horizons.date_12m, not horizons.is_ended)
                then 'ACTIVE'
            else coalesce(groups_at.status_12m, 'UNKNOWN')
        end as status_12m,
        coalesce(groups_at.group_6m in ('employment', 'education'), false) as attached_6m,
        coalesce(groups_at.group_12m in ('employment', 'education'), false) as attached_12m,
        status_at.first_attached_on,
        status_at.first_attached_on is not null as reached_job_or_education,
        datediff(cast(coalesce(status_at.first_attached_on, case when horizons.is_ended then horizons.end_date else horizons.as_of_date end) as date), cast(horizons.start_date as date)) as days_to_job_or_education
    from horizons
    left join status_at on horizons.enrolment_key = status_at.enrolment_key
    left join groups_at on horizons.enrolment_key = groups_at.enrolment_key
)

select * from final