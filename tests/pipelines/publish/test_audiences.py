"""What each audience may read: pseudonyms scoped to a partnership, and comparison and
success-criteria rows losing their numbers with the metric row they rest on."""

from __future__ import annotations

import re
import secrets

import duckdb
import pandas as pd

from pipelines.publish.audiences import (
    INSUFFICIENT,
    _pseudonym_sql,
    partnership_pseudonym,
    suppressed_aggregates,
)
from pipelines.publish.suppression import SuppressionRules

CPR_SHAPED = re.compile(r"(?<![0-9A-Za-z.])\d{6}-?\d{4}(?![0-9A-Za-z])")


def test_pseudonyms_are_scoped_identical_in_sql_and_python_and_never_cpr_shaped():
    keys = [secrets.token_hex(32) for _ in range(2000)]
    con = duckdb.connect()
    con.register("people", pd.DataFrame({"person_key": keys}))
    in_sql = con.sql(f"select {_pseudonym_sql('LAE-NORD')} as p from people").df()["p"]
    in_python = [partnership_pseudonym("LAE-NORD", k) for k in keys]
    assert list(in_sql) == in_python
    assert len(set(in_python)) == len(keys)
    assert not any(CPR_SHAPED.search(p) for p in in_python)
    # the same young person in two partnerships gets two unrelated pseudonyms
    assert partnership_pseudonym("LAE-NORD", keys[0]) != partnership_pseudonym("BRO-OST", keys[0])


def _frames() -> dict[str, pd.DataFrame]:
    start = pd.Timestamp("2024-01-01")
    key = dict(population="all", initiative_id="I", period_type="cumulative",
               period_start=start, subgroup_type="all", subgroup="all")  # fmt: skip
    values = pd.DataFrame([
        {**key, "metric_id": "attached", "partnership_id": "ALL", "n": 40, "numerator": 20},
        {**key, "metric_id": "attached", "partnership_id": "P1", "n": 33, "numerator": 17},
        {**key, "metric_id": "attached", "partnership_id": "P2", "n": 7, "numerator": 3},
    ])  # fmt: skip
    values["denominator"] = values["n"]
    values["value"] = values["numerator"] / values["n"]
    values["ci_low"], values["ci_high"], values["detail"] = values["value"] - 0.1, 0.9, None
    comparison = values[["metric_id", "population", "initiative_id", "partnership_id",
                         "period_type", "period_start", "n"]].assign(
        observed=values["numerator"], expected=values["n"] * 0.5, raw_rate=values["value"],
        oe_ratio=1.0, oe_ci_low=0.5, oe_ci_high=1.5, adjusted_rate=0.5,
        funnel_low_95=0.3, funnel_high_95=0.7, funnel_low_998=0.2, funnel_high_998=0.8,
        funnel_position="within")  # fmt: skip
    criteria = pd.DataFrame([{
        "criterion_id": "C1", "initiative_id": "I", "metric_id": "attached", "population": "all",
        "n": 40, "numerator": 20, "denominator": 40, "value": 0.5, "ci_low": 0.35,
        "ci_high": 0.65, "full_cohort_value": 0.5, "full_cohort_n": 40,
        "full_cohort_ci_low": 0.35, "full_cohort_ci_high": 0.65, "status": "met"}])  # fmt: skip
    catalogue = pd.DataFrame({"metric_id": ["attached"], "kind": ["proportion"],
                              "anchor": ["end date"]})  # fmt: skip
    return {"metric_values": values, "metric_comparison": comparison,
            "success_criteria_status": criteria, "metric_catalogue": catalogue}  # fmt: skip


def test_comparisons_and_criteria_lose_their_numbers_with_their_metric_row():
    out = suppressed_aggregates(_frames(), SuppressionRules())
    values = out["metric_values"].set_index("partnership_id")
    # P2 rests on 7 people; then ALL - P1 would give it away, so one more cell is hidden
    assert pd.notna(values.loc["P2", "suppressed"])
    assert values["suppressed"].notna().sum() == 2
    comparison = out["metric_comparison"].set_index("partnership_id")
    for partnership in values.index:
        hidden = pd.notna(values.loc[partnership, "suppressed"])
        assert pd.notna(comparison.loc[partnership, "suppressed"]) == hidden
        numbers = comparison.loc[partnership, ["n", "observed", "expected", "funnel_low_95",
                                               "funnel_position"]]  # fmt: skip
        assert numbers.isna().all() == hidden
    criteria = out["success_criteria_status"].iloc[0]
    if pd.notna(values.loc["ALL", "suppressed"]):
        assert criteria["status"] == INSUFFICIENT and pd.isna(criteria["value"])
    else:
        assert criteria["status"] == "met" and criteria["value"] == 0.5


def test_an_owner_keeps_its_own_rows():
    out = suppressed_aggregates(_frames(), SuppressionRules(), owner="P2")
    values = out["metric_values"].set_index("partnership_id")
    assert pd.isna(values.loc["P2", "suppressed"]) and values.loc["P2", "n"] == 7
