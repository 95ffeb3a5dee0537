-- What each initiative's comparisons rest on, shown beside every comparison so nobody ranks an
-- initiative on data that cannot bear it: how complete its data is, how many outcomes were
-- followed up, which progression instruments were pooled, and how fresh its deliveries are.
with enrolments as (
    select * from {{ ref('fct_enrolment') }}
    where has_consent
),

as_of as (
    select as_of_date from {{ ref('int_as_of') }}
),

with_attendance as (
    select distinct enrolment_key from {{ ref('fct_attendance_monthly') }}
),

with_baseline as (
    select distinct enrolment_key from {{ ref('fct_progression_assessment') }}
    where is_baseline
),

outcomes as (
    select * from {{ ref('fct_enrolment_outcome') }}
),

instruments as (
    select
        enrolments.initiative_id,
        {{ sorted_distinct_list('assessments.instrument', "', '") }}
            as instruments_pooled,
        count(distinct assessments.instrument) as instruments
    from {{ ref('fct_progression_assessment') }} as assessments
    inner join enrolments on assessments.enrolment_key = enrolments.enrolment_key
    group by enrolments.initiative_id
),

coverage as (
    select
        enrolments.initiative_id,
        count(*) as enrolments,
        avg(cast(case when with_attendance.enrolment_key is not null then 1 else 0 end as double))
            as attendance_coverage,
        avg(cast(case when with_baseline.enrolment_key is not null then 1 else 0 end as double))
            as baseline_coverage
    from enrolments
    left join with_attendance on enrolments.enrolment_key = with_attendance.enrolment_key
    left join with_baseline on enrolments.enrolment_key = with_baseline.enrolment_key
    group by enrolments.initiative_id
),

follow_up as (
    select
        outcomes.initiative_id,
        count(*) as follow_up_due,
        count(outcomes.status_6m) as follow_up_known
    from outcomes
    cross join as_of
    where {{ dbt.dateadd('month', 6, 'outcomes.start_date') }} <= as_of.as_of_date
    group by outcomes.initiative_id
),

deliveries as (
    select
        partnerships.initiative_id,
        max(freshness.days_since_last_load) as days_since_last_load,
        bool_or(freshness.is_stale) as has_stale_delivery,
        sum(freshness.failed_deliveries) as failed_deliveries
    from {{ ref('dq_freshness') }} as freshness
    inner join {{ ref('dim_partnership') }} as partnerships
        on freshness.partner = partnerships.partner_system
    group by partnerships.initiative_id
),

quarantine as (
    select
        partnerships.initiative_id,
        sum(delivered.rows_quarantined) as rows_quarantined,
        sum(delivered.rows_read) as rows_read
    from {{ ref('dq_deliveries') }} as delivered
    inner join {{ ref('dim_partnership') }} as partnerships
        on delivered.partner = partnerships.partner_system
    group by partnerships.initiative_id
),

final as (
    select
        initiatives.initiative_id,
        coalesce(coverage.enrolments, 0) as enrolments,
        coverage.attendance_coverage,
        coverage.baseline_coverage,
        coalesce(follow_up.follow_up_due, 0) as follow_up_due,
        cast(follow_up.follow_up_known as double)
        / nullif(follow_up.follow_up_due, 0) as follow_up_rate,
        coalesce(instruments.instruments, 0) as instruments,
        instruments.instruments_pooled,
        cast(quarantine.rows_quarantined as double)
        / nullif(quarantine.rows_read, 0) as quarantined_share,
        deliveries.days_since_last_load,
        coalesce(deliveries.has_stale_delivery, true) as has_stale_delivery,
        coalesce(deliveries.failed_deliveries, 0) as failed_deliveries
    from {{ ref('dim_initiative') }} as initiatives
    left join coverage on initiatives.initiative_id = coverage.initiative_id
    left join follow_up on initiatives.initiative_id = follow_up.initiative_id
    left join instruments on initiatives.initiative_id = instruments.initiative_id
    left join deliveries on initiatives.initiative_id = deliveries.initiative_id
    left join quarantine on initiatives.initiative_id = quarantine.initiative_id
)

select * from final
