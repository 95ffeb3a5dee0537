-- Every item score normalised to 0-100 on its instrument's scale (reversed items flipped), tied
-- to the consenting enrolment whose spell covers the assessment (from 30 days before start).
with scores as (
    select * from {{ ref('stg_measurements') }}
),

instruments as (
    select * from {{ ref('instruments') }}
),

enrolments as (
    select * from {{ ref('fct_enrolment') }}
    where has_consent
),

normalised as (
    select
        scores.person_key,
        scores.partner,
        scores.assessed_on,
        scores.instrument,
        scores.item,
        instruments.construct,
        instruments.equivalence,
        instruments.reliability,
        instruments.baseline_sd,
        case
            when instruments.reversed
                then
                    (instruments.scale_max - scores.score)
                    / (instruments.scale_max - instruments.scale_min) * 100
            else
                (scores.score - instruments.scale_min)
                / (instruments.scale_max - instruments.scale_min) * 100
        end as score_0_100
    from scores
    inner join instruments
        on scores.instrument = instruments.instrument and scores.item = instruments.item
    where scores.score between instruments.scale_min and instruments.scale_max
),

final as (
    select
        enrolments.enrolment_key,
        normalised.*
    from normalised
    inner join enrolments
        on
            normalised.person_key = enrolments.person_key
            and normalised.partner = enrolments.partner
            and normalised.assessed_on
            >= cast({{ dbt.dateadd('day', -30, 'enrolments.start_date') }} as date)
            and normalised.assessed_on <= coalesce(enrolments.end_date, enrolments.as_of_date)
)

select * from final
