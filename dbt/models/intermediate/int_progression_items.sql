{{ config(**fingerprinted_config('int_progression_enrolment_fingerprints', ['enrolment_key'],
                                 'enrolment_fingerprint')) }}
-- Every item score normalised to 0-100 on its instrument's scale (reversed items flipped), tied
-- to the consenting enrolment whose spell covers the assessment (from 30 days before start).
--
-- On DuckDB an incremental table kept by enrolment, like int_metric_units: the pre-hook drops
-- the items of every enrolment whose fingerprint (int_progression_enrolment_fingerprints:
-- spell, scores, instruments) changed or vanished, and a run ties the scores of the enrolments
-- that then have no items -- those with new or corrected scores, open spells, and on a full
-- refresh all. Tested equal to a full refresh (the incremental integration test).
with fingerprints as (
    select * from {{ ref('int_progression_enrolment_fingerprints') }}
),

pending as (
    {{ pending_fingerprints('fingerprints', ['enrolment_key']) }}
),

scores as (
    select * from {{ ref('stg_measurements') }}
),

instruments as (
    select * from {{ ref('instruments') }}
),

enrolments as (
    -- consenting: only they have a fingerprint
    select
        fct_enrolment.*,
        pending.enrolment_fingerprint
    from {{ ref('fct_enrolment') }} as fct_enrolment
    inner join pending on fct_enrolment.enrolment_key = pending.enrolment_key
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
        normalised.*,
        enrolments.enrolment_fingerprint,
        current_timestamp as _built_at
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
