"""Small-cell suppression, property-based: over many random small cohorts, nothing too small is
published and no suppressed count can be worked out from what is published.

The cohorts are aggregated here, independently of dbt, into the shape of the metric table
(partnership and ALL x quarter, half-year, year, cumulative x subgroups x two nested
populations). The audit is independent of the suppression code too: it rebuilds every additive
relation from the table's keys and checks "total minus the visible cells" along each, and the
difference of the two nested populations.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.publish.suppression import SMALL_COUNT, SuppressionRules, suppress

RULES = SuppressionRules()
CATALOGUE = pd.DataFrame(
    {
        "metric_id": ["enrolled", "attached", "active_rate"],
        "kind": ["count", "proportion", "ratio"],
        "anchor": ["start date", "start date", "attendance date"],
    }
)
KINDS = dict(zip(CATALOGUE.metric_id, CATALOGUE.kind, strict=True))
PARTNERSHIPS = {"A": ["A-1", "A-2", "A-3"], "B": ["B-1", "B-2"]}
QUARTERS = pd.date_range("2024-01-01", periods=6, freq="QS").date
SUBGROUPS = {"gender": ["F", "M", "X"], "age_band": ["15-17", "18-24", "25-30"]}

unit = st.fixed_dictionaries(
    {
        "partnership_id": st.sampled_from([p for ps in PARTNERSHIPS.values() for p in ps]),
        "quarter": st.integers(0, len(QUARTERS) - 1),
        "gender": st.sampled_from(SUBGROUPS["gender"]),
        "age_band": st.sampled_from(SUBGROUPS["age_band"]),
        "x": st.integers(0, 1),
        "stayed_a_year": st.booleans(),
    }
)


def _periods(q: pd.Timestamp) -> dict[str, object]:
    half = pd.Timestamp(q.year, 1 if q.month <= 6 else 7, 1).date()
    return {
        "quarter": q,
        "half_year": half,
        "year": pd.Timestamp(q.year, 1, 1).date(),
        "cumulative": QUARTERS[0],
    }


def metric_table(units: list[dict]) -> pd.DataFrame:
    """The cohort aggregated like marts.metric_values (only non-empty cells are rows)."""
    rows = []
    for u in units:
        initiative = u["partnership_id"][0]
        q = QUARTERS[u["quarter"]]
        pops = ["all", "min_365_days"] if u["stayed_a_year"] else ["all"]
        for period_type, start in _periods(q).items():
            for partnership in (u["partnership_id"], "ALL"):
                for subgroup_type, subgroup in [("all", "all")] + [(k, u[k]) for k in SUBGROUPS]:
                    key = dict(initiative_id=initiative, partnership_id=partnership,
                               period_type=period_type, period_start=start,
                               subgroup_type=subgroup_type, subgroup=subgroup)  # fmt: skip
                    rows.append({**key, "metric_id": "enrolled", "population": "all", "x": 1})
                    for pop in pops:
                        rows.append({**key, "metric_id": "attached", "population": pop,
                                     "x": u["x"]})  # fmt: skip
                    rows.append({**key, "metric_id": "active_rate", "population": "all",
                                 "x": u["x"]})  # fmt: skip
    frame = pd.DataFrame(rows)
    keys = ["metric_id", "population", "initiative_id", "partnership_id", "period_type",
            "period_start", "subgroup_type", "subgroup"]  # fmt: skip
    table = frame.groupby(keys, as_index=False).agg(n=("x", "size"), numerator=("x", "sum"))
    table["denominator"] = table["n"]
    table["value"] = np.where(
        table.metric_id == "enrolled", table.n, table.numerator / table.denominator
    )
    table["ci_low"] = table["value"] * 0.9
    table["ci_high"] = table["value"] * 1.1
    table["detail"] = None
    return table


KEY_COLUMNS = ["metric_id", "population", "initiative_id", "partnership_id", "period_type",
               "period_start", "subgroup_type", "subgroup"]  # fmt: skip


def _lines_between(parents: pd.DataFrame, children: pd.DataFrame, on: list[str],
                   parent_on: list[str] | None = None) -> list[tuple[int, list[int]]]:  # fmt: skip
    """One line per parent row: the child rows that agree with it on ``on`` (row numbers in
    the column ``row``); ``parent_on`` names the parent's columns when they differ."""
    joined = parents[[*(parent_on or on), "row"]].merge(
        children[[*on, "row"]], left_on=parent_on or on, right_on=on, how="left",
        suffixes=("", "_child"),
    )  # fmt: skip
    kids = joined.groupby("row")["row_child"].agg(lambda r: [int(x) for x in r.dropna()])
    return list(kids.items())


def additive_lines(table: pd.DataFrame) -> list[tuple[int, list[int]]]:
    """Every relation parent = sum(children) a reader of the table could use, rebuilt from the
    keys: partnerships -> ALL, subgroups of a type -> all, quarters -> half-year -> year ->
    cumulative (for metrics of one event per unit: all here but active_rate)."""
    t = table.reset_index(drop=True).rename_axis("row").reset_index()
    base = ["metric_id", "population", "initiative_id", "period_type", "period_start"]
    is_all = t.partnership_id == "ALL"
    lines = _lines_between(t[is_all], t[~is_all], [*base, "subgroup_type", "subgroup"])
    whole = t[t.subgroup_type == "all"]
    for stype in SUBGROUPS:
        part = t[t.subgroup_type == stype]
        lines += [line for line in _lines_between(whole, part, [*base, "partnership_id"])
                  if line[1]]  # fmt: skip
    additive = t[t.metric_id != "active_rate"].copy()
    start = pd.to_datetime(additive.period_start)
    additive["half"] = [pd.Timestamp(d.year, 1 if d.month <= 6 else 7, 1).date() for d in start]
    additive["year"] = [pd.Timestamp(d.year, 1, 1).date() for d in start]
    rest = ["metric_id", "population", "initiative_id", "partnership_id", "subgroup_type",
            "subgroup"]  # fmt: skip
    for child, parent, parent_key in [
        ("quarter", "half_year", "half"),
        ("half_year", "year", "year"),
        ("year", "cumulative", None),
    ]:
        kids = additive[additive.period_type == child]
        parents = additive[additive.period_type == parent]
        if parent_key:
            lines += _lines_between(parents, kids, [*rest, parent_key], [*rest, "period_start"])
        else:
            lines += _lines_between(parents, kids, rest)
    return lines


def owner_known(published: pd.DataFrame, truth: pd.DataFrame, owner: str | None) -> pd.Series:
    """Rows the owner knows anyway: its own partnership's, and ALL rows made of its people only."""
    if owner is None:
        return pd.Series(False, index=published.index)
    mine = truth.partnership_id.eq(owner)
    rest = [c for c in truth.columns if c in KEY_COLUMNS and c != "partnership_id"]
    own_n = truth[mine].groupby(rest)["n"].sum().rename("own_n").reset_index()
    all_rows = truth[[*rest, "n"]].merge(own_n, on=rest, how="left")
    return pd.Series(mine.to_numpy() | (truth.partnership_id.eq("ALL").to_numpy()
                                        & all_rows.n.eq(all_rows.own_n).to_numpy()),
                     index=published.index)  # fmt: skip


def audit(published: pd.DataFrame, truth: pd.DataFrame, owner: str | None = None) -> list[str]:
    problems = []
    kinds = published.metric_id.map(KINDS)
    shown = published.suppressed.isna()
    foreign = ~owner_known(published, truth, owner)
    n = published["n"]
    if (foreign & (kinds == "count") & shown & n.between(1, RULES.min_count - 1)).any():
        problems.append("a count of 1-4 is published")
    if (foreign & (kinds != "count") & shown & (n < RULES.min_denominator)).any():
        problems.append("a rate with a denominator under 10 is published")
    if published.loc[~shown, ["n", "numerator", "denominator", "value"]].notna().any().any():
        problems.append("a suppressed row still carries its numbers")
    if (published.suppressed.eq(SMALL_COUNT) & truth.n.ge(RULES.min_count)).any():
        problems.append('"<5" on a count of 5 or more')

    lines = additive_lines(truth)
    shown_at = shown.to_numpy()
    for parent, children in lines:
        members = [parent, *children]
        hidden = [m for m in members if not shown_at[m]]
        if len(hidden) == 1:
            problems.append(f"total minus visible cells gives row {hidden[0]}")
    # nested populations: everyone minus the year-stayers, when both rows are shown
    cols = ["metric_id", "initiative_id", "partnership_id", "period_type", "period_start",
            "subgroup_type", "subgroup"]  # fmt: skip
    both = published[published.population == "all"].merge(
        published[published.population == "min_365_days"], on=cols, suffixes=("", "_365")
    )
    both = both.merge(
        published.assign(known=foreign.eq(False))[[*cols, "population", "known"]]
        .query("population == 'all'")
        .drop(columns="population"),
        on=cols,
    )
    visible = both.suppressed.isna() & both.suppressed_365.isna() & ~both.known
    diff = both.n - both.n_365
    if (visible & diff.between(1, RULES.min_denominator - 1)).any():
        problems.append("the difference of two populations is a small published count")

    return problems


@settings(
    max_examples=int(__import__("os").environ.get("SUPPRESSION_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(unit, min_size=1, max_size=45))
def test_nothing_small_or_derivable_is_published(units):
    truth = metric_table(units)
    published = suppress(truth, CATALOGUE, RULES)
    assert len(published) == len(truth)
    assert audit(published, truth) == []


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(unit, min_size=5, max_size=45), st.sampled_from(["A-1", "A-2", "B-1"]))
def test_an_owner_sees_its_own_cells_and_still_cannot_derive_others(units, owner):
    truth = metric_table(units)
    own = (truth.partnership_id == owner).to_numpy()
    published = suppress(truth, CATALOGUE, RULES, known=own)
    mine = published[own]
    assert mine.suppressed.isna().all()
    assert (mine["n"].to_numpy() == truth.loc[own, "n"].to_numpy()).all()
    # the owner's cells count as published: the audit may use them like any shown value
    assert audit(published, truth, owner) == []


def test_a_lone_small_partnership_is_protected_by_a_complement():
    units = [dict(partnership_id="A-1", quarter=0, gender="F", age_band="18-24", x=1,
                  stayed_a_year=False)] * 3 + [
        dict(partnership_id="A-2", quarter=0, gender="F", age_band="18-24", x=0,
             stayed_a_year=False)] * 20  # fmt: skip
    truth = metric_table(units)
    published = suppress(truth, CATALOGUE, RULES)
    row = (published.metric_id == "enrolled") & (published.period_type == "quarter")
    row &= published.subgroup_type == "all"
    cells = published[row].set_index("partnership_id")
    assert cells.loc["A-1", "suppressed"] == SMALL_COUNT
    # ALL (23) and A-2 (20) would give A-1 away: one of them is hidden too
    assert cells.loc[["ALL", "A-2"], "suppressed"].notna().any()
    assert audit(published, truth) == []


def test_thresholds_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("OUTCOMES_SUPPRESS_MIN_COUNT", "3")
    monkeypatch.setenv("OUTCOMES_SUPPRESS_MIN_DENOMINATOR", "20")
    assert SuppressionRules.from_env() == SuppressionRules(min_count=3, min_denominator=20)
    monkeypatch.setenv("OUTCOMES_SUPPRESS_MIN_COUNT", "five")
    with pytest.raises(ValueError, match="OUTCOMES_SUPPRESS_MIN_COUNT"):
        SuppressionRules.from_env()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(unit, min_size=5, max_size=45), st.randoms(use_true_random=False))
def test_the_same_data_in_any_order_publishes_the_same_cells(units, rnd):
    """Two builds of the same data hand the rows over in different orders; the published
    pattern must not depend on it, or a reader keeping both releases gets the union."""
    truth = metric_table(units)
    shuffled = truth.sample(frac=1, random_state=rnd.randrange(2**32)).reset_index(drop=True)
    first = suppress(truth, CATALOGUE, RULES)
    second = suppress(shuffled, CATALOGUE, RULES)
    pd.testing.assert_frame_equal(first, second)
