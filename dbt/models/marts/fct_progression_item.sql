{{ config(materialized='view') }}
-- Every item score of a consenting enrolment, in the instrument's units and normalised to 0-100
-- (reversed items flipped), with the construct it measures and how equivalent it is. A view: it
-- only picks columns of int_progression_items, and copying them cost time in every run.
with items as (
    select * from {{ ref('int_progression_items') }}
),

final as (
    select
        enrolment_key,
        person_key,
        instrument,
        item,
        construct,
        equivalence,
        assessed_on,
        score_0_100
    from items
)

select * from final
