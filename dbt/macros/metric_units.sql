{#- Common table expressions ending in `metric_units`: the units every count, proportion and
    mean metric is made of, for the enrolments of `enrolments` (a relation, or a CTE not named
    like one of these, with the columns of fct_enrolment): one row per enrolment (or
    enrolment x instrument / construct) in the metric's population, with its value x, the date
    that places it in a period, and its case-mix. Each metric is defined here once;
    int_metric_units keeps these rows (computed for the enrolments whose rows changed),
    int_metric_enrolment_fingerprints hashes them for all enrolments. -#}
{% macro metric_unit_ctes(enrolments) -%}
    enrolments as (
        select * from {{ enrolments }}
    ),

    outcomes as (
        select * from {{ ref('int_enrolment_outcomes') }}
    ),

    progression as (
        select * from {{ ref('fct_progression') }}
        where follow_up_on is not null
    ),

    constructs as (
        select * from {{ ref('fct_progression_construct') }}
    ),

    consenting as (
        select
            enrolments.*,
            outcomes.reached_6m,
            outcomes.reached_12m,
            outcomes.active_6m,
            outcomes.active_12m,
            outcomes.attached_12m
        from enrolments
        inner join outcomes on enrolments.enrolment_key = outcomes.enrolment_key
        where enrolments.has_consent
    ),

    units as (
        -- headcount: everyone enrolled, with or without consent
        select
            'enrolled' as metric_id,
            'all' as population,
            enrolment_key,
            person_key,
            start_date as anchor_date,
            cast(null as {{ dbt.type_string() }}) as detail,
            1.0 as x
        from enrolments
        where start_date <= as_of_date

        union all
        select
            'retention_6m' as metric_id,
            'all' as population,
            enrolment_key,
            person_key,
            start_date as anchor_date,
            null as detail,
            case when active_6m or exit_group in ('employment', 'education') then 1.0 else 0.0 end as x
        from consenting
        where reached_6m

        union all
        select
            'retention_12m' as metric_id,
            'all' as population,
            enrolment_key,
            person_key,
            start_date as anchor_date,
            null as detail,
            case when active_12m or exit_group in ('employment', 'education') then 1.0 else 0.0 end as x
        from consenting
        where reached_12m

        union all
        select
            'job_or_education_12m' as metric_id,
            'all' as population,
            enrolment_key,
            person_key,
            start_date as anchor_date,
            null as detail,
            case when attached_12m then 1.0 else 0.0 end as x
        from consenting
        where reached_12m

        union all
        select
            'attached_at_exit' as metric_id,
            'ended' as population,
            enrolment_key,
            person_key,
            end_date as anchor_date,
            null as detail,
            case when exit_group in ('employment', 'education') then 1.0 else 0.0 end as x
        from consenting
        where is_ended

        union all
        select
            'ordinary_or_flex_job_at_exit' as metric_id,
            'ended' as population,
            enrolment_key,
            person_key,
            end_date as anchor_date,
            null as detail,
            case when exit_status in ('ORDINARY_JOB', 'FLEX_JOB') then 1.0 else 0.0 end as x
        from consenting
        where is_ended

        union all
        select
            'dropout_rate' as metric_id,
            'ended' as population,
            enrolment_key,
            person_key,
            end_date as anchor_date,
            null as detail,
            case when exit_status = 'DROPOUT' then 1.0 else 0.0 end as x
        from consenting
        where is_ended

        union all
        select
            metric.metric_id,
            population.population,
            consenting.enrolment_key,
            consenting.person_key,
            progression.follow_up_on as anchor_date,
            progression.instrument as detail,
            case
                when metric.metric_id = 'progression_positive' and progression.change > 0 then 1.0
                when
                    metric.metric_id = 'progression_reliable'
                    and progression.reliable_change_index > {{ z_95() }}
                    then 1.0
                else 0.0
            end as x
        from consenting
        inner join progression on consenting.enrolment_key = progression.enrolment_key
        cross join
            (values ('progression_positive'), ('progression_reliable')) as metric (metric_id)
        cross join (values ('all'), ('min_365_days')) as population (population)
        where population.population = 'all' or consenting.days_in_programme >= 365

        union all
        select
            'progression_change_' || lower(constructs.construct) as metric_id,
            'all' as population,
            consenting.enrolment_key,
            consenting.person_key,
            constructs.follow_up_on as anchor_date,
            constructs.instrument as detail,
            constructs.change as x
        from consenting
        inner join constructs on consenting.enrolment_key = constructs.enrolment_key
    ),

    metric_units as (
        select
            units.metric_id,
            units.population,
            units.enrolment_key,
            units.person_key,
            units.anchor_date,
            units.detail,
            cast(units.x as double) as x,
            enrolments.initiative_id,
            enrolments.partnership_id,
            enrolments.age_band,
            enrolments.gender,
            enrolments.impairment_group
        from units
        inner join enrolments on units.enrolment_key = enrolments.enrolment_key
    )
{%- endmacro %}

{#- The columns of a metric unit (metric_units), in the order they are hashed. -#}
{% macro metric_unit_columns() -%}
    {{ return(['metric_id', 'population', 'enrolment_key', 'person_key', 'anchor_date', 'detail',
               'x', 'initiative_id', 'partnership_id', 'age_band', 'gender',
               'impairment_group']) }}
{%- endmacro %}
