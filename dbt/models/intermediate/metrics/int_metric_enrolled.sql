-- enrolled: enrolments started per initiative x partnership (and ALL) x half-year.
-- Consent is not required: headcounts include everyone enrolled.
with enrolments as (
    select fct_enrolment.*
    from {{ ref('fct_enrolment') }} as fct_enrolment
    cross join {{ ref('int_as_of') }} as as_of
    where fct_enrolment.start_date <= as_of.as_of_date
),

periods as (
    select
        initiative_id,
        partnership_id,
        person_key,
        {{ half_year_start('start_date') }} as period_start
    from enrolments
),

by_partnership as (
    select
        initiative_id,
        partnership_id,
        period_start,
        count(distinct person_key) as n,
        count(*) as enrolments
    from periods
    group by initiative_id, partnership_id, period_start
),

by_initiative as (
    select
        initiative_id,
        'ALL' as partnership_id,
        period_start,
        count(distinct person_key) as n,
        count(*) as enrolments
    from periods
    group by initiative_id, period_start
),

cells as (
    select * from by_partnership
    union all
    select * from by_initiative
),

final as (
    select
        'enrolled' as metric_id,
        initiative_id,
        partnership_id,
        period_start,
        n,
        cast(enrolments as double) as numerator,
        cast(null as double) as denominator,
        cast(enrolments as double) as value,
        cast(null as double) as ci_low,
        cast(null as double) as ci_high
    from cells
)

select * from final
