-- One fingerprint per enrolment over its metric units (the sum of a hash of each unit row, every
-- column of it): equal fingerprints mean the enrolment's units need not be computed again
-- (int_metric_units). Hashing the units themselves, not their inputs, means nothing that
-- decides a unit can be left out, and an input that moves without changing any unit (the as-of
-- date of an open enrolment, a pooled baseline SD that leaves the reliable-change verdicts as
-- they were) does not make the enrolment pending.
with
{{ metric_unit_ctes(ref('fct_enrolment')) }},

final as (
    select
        enrolment_key,
        sum(cast({{ row_hash(metric_unit_columns()) }} as decimal(38, 0)))
            as enrolment_fingerprint
    from metric_units
    group by enrolment_key
)

select * from final
