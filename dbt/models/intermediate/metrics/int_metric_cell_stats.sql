{{ config(**period_cells_config('int_metric_period_fingerprints')) }}
-- The sums every count, proportion and mean cell is made of (n, units, sum, mean, sd, detail),
-- per cell (initiative x partnership/ALL x period x subgroup); int_metric_cells turns them into
-- values and intervals.
--
-- Every unit belongs to 32 cells (4 period types x 4 subgroups x its partnership and ALL). The
-- sums over them are plain aggregates into a few thousand cells, which stream. The count of
-- distinct people is what costs: counted with count(distinct) over the fan-out it held a
-- (cell, person) pair for nearly every fanned-out unit (18.5 GiB at DK5Y; at L it filled the
-- disk with spill). But a person with a single unit in a metric at an initiative is one person
-- in each of that unit's cells, so the unit counts them (counts_person); only the units of
-- people with several units there (several instruments, enrolments or partnerships) are
-- counted distinct.
--
-- On DuckDB this is an incremental table: the pre-hook drops the cells of every period whose
-- fingerprint (int_metric_period_fingerprints) changed or vanished, and a run computes only the
-- periods that then have no cells -- on a full refresh, all of them. The kept cells are exactly
-- what a full refresh gives (tested: the incremental integration test compares metric_values
-- with a full refresh). On Spark it is a plain table.
--
-- `due` is read by three parts of the model. It is inlined (macro inlined): materialised, it is
-- where DuckDB 2.0.0 crashed. What it reads is made small first -- `pending_units`, the units of
-- the pending periods only, and `people` -- and each copy of `due` joins the two. DuckDB still
-- materialises `pending_units`, `people` on increments, and a common subplan of its own, so the
-- crash is less likely, not impossible (README, section "Metrics"). Inlining `due` over all units
-- in all periods, as first done, had DuckDB materialise the whole `in_period` (four rows per unit)
-- and compute `people` three times, which was slower. On a full refresh `people` is inlined
-- (computed by each reader): materialised, its cardinality is unknown to the planner, which then
-- fans the units out to their cells by a hash join that spills. One pass over the fan-out with a
-- filtered count(distinct) was slower still. The measurements are in BENCHMARKS.md.
with units as (
    select * from {{ ref('int_metric_units') }}
),

fingerprints as (
    select * from {{ ref('int_metric_period_fingerprints') }}
),

pending as (
    {{ pending_periods('fingerprints') }}
),

people as {% if not is_incremental() %}{{ inlined() }} {% endif %}(
    select
        metric_id,
        population,
        initiative_id,
        person_key,
        count(*) = 1 as has_one_unit
    from {{ ref('int_metric_units') }}  -- not `units`: a second reader would materialise it
    group by metric_id, population, initiative_id, person_key
),

in_period as (
    {{ in_periods('units', 'anchor_date') }}
),

pending_units as (
    select
        in_period.*,
        pending.period_fingerprint
    from in_period
    inner join pending on {{ period_join('in_period', 'pending') }}
),

due as {{ inlined() }} (
    select
        pending_units.*,
        people.has_one_unit as counts_person
    from pending_units
    inner join people
        on {{ keys_join('pending_units', 'people',
                        ['metric_id', 'population', 'initiative_id', 'person_key']) }}
),

shared as (
    select * from due
    where not counts_person
),

detailed as (
    select distinct
        metric_id,
        population,
        initiative_id,
        partnership_id,
        period_type,
        period_start,
        age_band,
        gender,
        impairment_group,
        detail
    from due
    where detail is not null
),

expanded as (
    {{ expand_cells('due', 'anchor_date',
                    ['metric_id', 'population', 'x', 'counts_person', 'period_fingerprint'],
                    expand_periods=false) }}
),

expanded_shared as (
    {{ expand_cells('shared', 'anchor_date', ['metric_id', 'population', 'person_key'],
                    expand_periods=false) }}
),

expanded_detailed as (
    {{ expand_cells('detailed', 'anchor_date', ['metric_id', 'population', 'detail'],
                    expand_periods=false) }}
),

sums as (
    select
        metric_id,
        population,
        {{ cell_keys() }},
        period_fingerprint,
        sum(case when counts_person then 1 else 0 end) as single_unit_people,
        count(*) as units,
        sum(x) as sum_x,
        avg(x) as mean_x,
        stddev_samp(x) as sd_x
    from expanded
    group by metric_id, population, {{ cell_keys() }}, period_fingerprint
),

shared_people as (
    select
        metric_id,
        population,
        {{ cell_keys() }},
        count(distinct person_key) as people
    from expanded_shared
    group by metric_id, population, {{ cell_keys() }}
),

details as (
    select
        metric_id,
        population,
        {{ cell_keys() }},
        {{ sorted_distinct_list('detail', "', '") }} as detail
    from expanded_detailed
    group by metric_id, population, {{ cell_keys() }}
),

final as (
    select
        sums.metric_id,
        sums.population,
        {{ cell_keys('sums') }},
        sums.period_fingerprint,
        sums.single_unit_people + coalesce(shared_people.people, 0) as n,
        sums.units,
        sums.sum_x,
        sums.mean_x,
        sums.sd_x,
        details.detail,
        current_timestamp as _built_at
    from sums
    left join shared_people
        on {{ keys_join('sums', 'shared_people', ['metric_id', 'population'] + cell_key_names()) }}
    left join details
        on {{ keys_join('sums', 'details', ['metric_id', 'population'] + cell_key_names()) }}
)

select * from final
