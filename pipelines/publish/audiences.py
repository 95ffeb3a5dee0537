"""What each audience may read (DESIGN sections 6-7), decided here and nowhere else.

* ``network`` — for national networks and funders: suppressed aggregates only. The metric table
  passes through small-cell suppression; the comparison (O/E, funnel) and success-criteria rows
  lose their numbers wherever the metric row they rest on is suppressed. Data quality is
  published as deliveries, reasons and freshness, never as quarantined rows.
* ``partnership-<id>`` — for one local partnership: everyone's aggregates, suppressed for a
  viewer who knows its own cells, plus its own participant-level rows under a pseudonym that is
  scoped to the partnership (so two partnerships' pseudonyms of one young person never match,
  and no pseudonym of the warehouse ever leaves it).

Access is enforced by this split: a dashboard session opens only the snapshot of its role.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pandas as pd

from pipelines.publish.snapshot import NETWORK, PublishedSnapshot, publish_snapshot
from pipelines.publish.suppression import SuppressionRules, suppress
from pipelines.warehouse import run

PARTNERSHIP_PREFIX = "partnership-"

# aggregates without person-level content, the same for every audience
SHARED_TABLES: dict[str, str] = {
    "initiatives": "select * from wh.marts.dim_initiative",
    "partnerships": "select * from wh.marts.dim_partnership",
    "metric_catalogue": "select * from wh.reference.metric_catalogue",
    "comparability": "select * from wh.marts.initiative_comparability",
    "dq_deliveries": "select * exclude (partnership_ids) from wh.marts.dq_deliveries",
    "dq_quarantine_reasons": "select * from wh.marts.dq_quarantine_reasons",
    "dq_freshness": "select * from wh.marts.dq_freshness",
}
# numbers of a comparison row that reveal its n or numerator
COMPARISON_MASKED = [
    "n", "observed", "expected", "raw_rate", "oe_ratio", "oe_ci_low", "oe_ci_high",
    "adjusted_rate", "funnel_low_95", "funnel_high_95", "funnel_low_998", "funnel_high_998",
    "funnel_position",
]  # fmt: skip
CRITERION_MASKED = ["n", "numerator", "denominator", "value", "ci_low", "ci_high"]
CRITERION_FULL_COHORT = ["full_cohort_value", "full_cohort_n", "full_cohort_ci_low",
                         "full_cohort_ci_high"]  # fmt: skip
INSUFFICIENT = "insufficient_data"


def partnership_audience(partnership_id: str) -> str:
    return f"{PARTNERSHIP_PREFIX}{partnership_id}"


def partnership_pseudonym(partnership_id: str, person_key: str) -> str:
    """The pseudonym one partnership sees for one person (the SQL in ``own_tables`` is the same).

    Split 5-5 so it can never look like a CPR number (ten digits), whatever the hex digits are.
    """
    digest = hashlib.sha256(f"{partnership_id}:{person_key}".encode()).hexdigest().upper()
    return f"P-{digest[:5]}-{digest[5:10]}"


def _pseudonym_sql(partnership_id: str, column: str = "person_key") -> str:
    digest = f"upper(sha256('{partnership_id}' || ':' || {column}))"
    return f"'P-' || substr({digest}, 1, 5) || '-' || substr({digest}, 6, 5)"


def own_tables(partnership_id: str) -> dict[str, str]:
    """Participant-level tables of one partnership: its consenting enrolments only, the person
    replaced by the partnership's pseudonym, the enrolment by the partner's own enrolment ID."""
    pid = partnership_id.replace("'", "''")
    pseudonym = _pseudonym_sql(pid)
    own = (
        "select enrolment_key from wh.marts.fct_enrolment "
        f"where partnership_id = '{pid}' and has_consent"
    )
    enrolment_id = "split_part(enrolment_key, ':', 2)"
    return {
        "own_participants": f"""
            select {pseudonym} as pseudonym, {enrolment_id} as enrolment_id,
                   e.initiative_id, e.partnership_id, e.start_date, e.end_date, e.is_ended,
                   e.days_in_programme, e.exit_status, e.exit_group, e.gender, e.age_band,
                   e.impairment_group, o.status_6m, o.status_12m, o.reached_job_or_education
            from wh.marts.fct_enrolment as e
            left join wh.marts.fct_enrolment_outcome as o using (enrolment_key, person_key)
            where e.enrolment_key in ({own})""",
        "own_attendance": f"""
            select {pseudonym} as pseudonym, {enrolment_id} as enrolment_id, attendance_month,
                   planned_hours, attended_hours
            from wh.marts.fct_attendance_monthly where enrolment_key in ({own})""",
        "own_progression": f"""
            select {pseudonym} as pseudonym, {enrolment_id} as enrolment_id, instrument,
                   construct, cast(assessed_on as date) as assessed_on,
                   avg(score_0_100) as score_0_100
            from wh.marts.fct_progression_item where enrolment_key in ({own})
            group by all""",
        "own_status_history": f"""
            select {pseudonym} as pseudonym, status, outcome_group, status_from, status_to,
                   reported_by
            from wh.marts.fct_outcome_status
            where person_key in (select person_key from wh.marts.fct_enrolment
                                 where enrolment_key in ({own}))""",
        "own_quarantined_rows": f"""
            select q.* from wh.marts.dq_quarantined_rows as q
            where q.partner in (select partner_system from wh.marts.dim_partnership
                                where partnership_id = '{pid}')""",
    }


def _mask(frame: pd.DataFrame, hidden: pd.Series, columns: list[str]) -> pd.DataFrame:
    out = frame.copy()
    for column in columns:
        if column in out:
            out[column] = out[column].mask(hidden.to_numpy())
    return out


def _hidden_rows(metric_values: pd.DataFrame, frame: pd.DataFrame, on: dict[str, str],
                 fixed: dict[str, str]) -> pd.Series:  # fmt: skip
    """Whether the metric row each ``frame`` row rests on is suppressed."""
    rows = metric_values
    for column, value in fixed.items():
        rows = rows[rows[column] == value]
    flags = rows[[*on.values(), "suppressed"]].rename(columns={v: k for k, v in on.items()})
    merged = frame[list(on)].merge(flags, on=list(on), how="left", validate="many_to_one")
    return merged["suppressed"].notna()


def suppressed_aggregates(
    frames: dict[str, pd.DataFrame], rules: SuppressionRules, owner: str | None = None
) -> dict[str, pd.DataFrame]:
    """The metric, comparison and success-criteria tables as ``owner`` (or a non-owner) may see
    them."""
    values = frames["metric_values"]
    known = values["partnership_id"].eq(owner).to_numpy() if owner else None
    published = suppress(values, frames["metric_catalogue"], rules, known=known)

    comparison = frames["metric_comparison"]
    keys = ["metric_id", "population", "initiative_id", "partnership_id", "period_type",
            "period_start"]  # fmt: skip
    hidden = _hidden_rows(published, comparison, {k: k for k in keys}, {"subgroup_type": "all"})
    comparison = _mask(comparison, hidden, COMPARISON_MASKED).assign(
        suppressed=hidden.map({True: "suppressed", False: None}).to_numpy()
    )

    criteria = frames["success_criteria_status"]
    fixed = {"period_type": "cumulative", "partnership_id": "ALL", "subgroup_type": "all"}
    on = {"metric_id": "metric_id", "initiative_id": "initiative_id", "population": "population"}
    hidden = _hidden_rows(published, criteria, on, fixed)
    full = _hidden_rows(published, criteria.assign(population="all"), on, fixed)
    criteria = _mask(criteria, hidden, CRITERION_MASKED)
    criteria = _mask(criteria, full, CRITERION_FULL_COHORT)
    criteria["status"] = criteria["status"].where(~hidden.to_numpy(), INSUFFICIENT)
    return {
        "metric_values": published,
        "metric_comparison": comparison,
        "success_criteria_status": criteria,
    }


def read_aggregates(warehouse_path: Path) -> dict[str, pd.DataFrame]:
    con = duckdb.connect()
    try:
        run(con, "attach ? as wh (read_only)", [str(warehouse_path)])
        return {
            name: con.sql(f"select * from wh.{table}").df()
            for name, table in {
                "metric_values": "marts.metric_values",
                "metric_comparison": "marts.metric_comparison",
                "success_criteria_status": "marts.success_criteria_status",
                "metric_catalogue": "reference.metric_catalogue",
            }.items()
        }
    finally:
        con.close()


def partnership_ids(warehouse_path: Path) -> list[str]:
    con = duckdb.connect()
    try:
        run(con, "attach ? as wh (read_only)", [str(warehouse_path)])
        rows = run(con, "select partnership_id from wh.marts.dim_partnership order by 1")
        return [r[0] for r in rows]
    finally:
        con.close()


def publish_network(
    warehouse_path: Path, serving_dir: Path, rules: SuppressionRules, aggregates=None
) -> PublishedSnapshot:
    aggregates = aggregates or read_aggregates(warehouse_path)
    frames = suppressed_aggregates(aggregates, rules)
    return publish_snapshot(warehouse_path, serving_dir, NETWORK, SHARED_TABLES, frames)


def publish_partnership(
    warehouse_path: Path,
    serving_dir: Path,
    partnership_id: str,
    rules: SuppressionRules,
    aggregates=None,
) -> PublishedSnapshot:
    aggregates = aggregates or read_aggregates(warehouse_path)
    frames = suppressed_aggregates(aggregates, rules, owner=partnership_id)
    tables = {**SHARED_TABLES, **own_tables(partnership_id)}
    return publish_snapshot(
        warehouse_path, serving_dir, partnership_audience(partnership_id), tables, frames
    )


def publish_all(
    warehouse_path: Path, serving_dir: Path, rules: SuppressionRules
) -> list[PublishedSnapshot]:
    """The network snapshot first, then one per partnership (the warehouse is read once)."""
    aggregates = read_aggregates(warehouse_path)
    snapshots = [publish_network(warehouse_path, serving_dir, rules, aggregates)]
    for partnership_id in partnership_ids(warehouse_path):
        snapshots.append(
            publish_partnership(warehouse_path, serving_dir, partnership_id, rules, aggregates)
        )
    return snapshots
