{{ config(**fingerprinted_config('int_metric_enrolment_fingerprints', ['enrolment_key'],
                                 'enrolment_fingerprint')) }}
-- The units every count, proportion and mean metric is made of: one row per enrolment (or
-- enrolment x instrument / construct) in the metric's population, with its value x, the date
-- that places it in a period, and its case-mix. Each metric is defined once, in the macro
-- metric_unit_ctes; int_metric_cells aggregates them all the same way.
--
-- On DuckDB this is an incremental table kept by enrolment: the pre-hook drops the units of
-- every enrolment whose fingerprint (int_metric_enrolment_fingerprints) changed or vanished,
-- and a run computes the units of the enrolments that then have none -- on a full refresh, all
-- of them. A month of new data changes the units of the enrolments it touches, not of all
-- history. The kept units are exactly what a full refresh gives (tested: the incremental
-- integration test compares them). On Spark it is a plain table.
-- `pending` has one reader: the units take their fingerprint from the fingerprints table, not
-- from `pending` again (a materialised CTE with several readers can crash DuckDB 2.0.0, and
-- inlined it would run its anti-join against the kept units twice).
with fingerprints as (
    select * from {{ ref('int_metric_enrolment_fingerprints') }}
),

pending as (
    {{ pending_fingerprints('fingerprints', ['enrolment_key']) }}
),

pending_enrolments as (
    select fct_enrolment.*
    from {{ ref('fct_enrolment') }} as fct_enrolment
    inner join pending on fct_enrolment.enrolment_key = pending.enrolment_key
),

{{ metric_unit_ctes('pending_enrolments') }},

final as (
    select
        metric_units.*,
        current_fingerprints.enrolment_fingerprint,
        current_timestamp as _built_at
    from metric_units
    -- only pending enrolments have units here
    inner join {{ ref('int_metric_enrolment_fingerprints') }} as current_fingerprints
        on metric_units.enrolment_key = current_fingerprints.enrolment_key
)

select * from final
