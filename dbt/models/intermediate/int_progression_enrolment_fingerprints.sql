-- One fingerprint per consenting enrolment with item scores, over everything its item scores
-- (int_progression_items) are made of: the spell that catches assessments (person, partner,
-- start, end or as-of date), every score the person has at that partner, and the instrument
-- definitions. Equal fingerprints mean the enrolment's items need not be computed again; a new
-- or corrected score changes the fingerprints of that person's enrolments at the partner only.
-- An enrolment with no scores has no items and no fingerprint.
with enrolments as (
    select * from {{ ref('fct_enrolment') }}
    where has_consent
),

scored as (
    select
        person_key,
        partner,
        sum(
            cast({{ row_hash(['assessed_on', 'instrument', 'item', 'score']) }} as decimal(38, 0))
        ) as scores_fingerprint
    from {{ ref('stg_measurements') }}
    group by person_key, partner
),

instruments as (
    select
        coalesce(sum(cast({{ row_hash([
            'instrument', 'item', 'construct', 'equivalence', 'reliability', 'baseline_sd',
            'reversed', 'scale_min', 'scale_max']) }} as decimal(38, 0))), 0)
            as instruments_fingerprint
    from {{ ref('instruments') }}
),

final as (
    select
        enrolments.enrolment_key,
        cast({{ row_hash([
            'enrolments.person_key', 'enrolments.partner', 'enrolments.start_date',
            'coalesce(enrolments.end_date, enrolments.as_of_date)']) }} as decimal(38, 0))
        + scored.scores_fingerprint
        + instruments.instruments_fingerprint as enrolment_fingerprint
    from enrolments
    inner join scored
        on enrolments.person_key = scored.person_key and enrolments.partner = scored.partner
    cross join instruments
)

select * from final
