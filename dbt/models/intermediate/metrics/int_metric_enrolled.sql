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
        *,
        {{ half_year_start('start_date') }} as period_start
    from enrolments
),

final as (
    select
        'enrolled' as metric_id,
        initiative_id,
        case when grouping(partnership_id) = 1 then 'ALL' else partnership_id end
            as partnership_id,
        period_start,
        count(distinct person_key) as n,
        cast(count(*) as double) as numerator,
        cast(null as double) as denominator,
        cast(count(*) as double) as value,
        cast(null as double) as ci_low,
        cast(null as double) as ci_high
    from periods
    group by grouping sets (
        (initiative_id, partnership_id, period_start),
        (initiative_id, period_start)
    )
)

select * from final
