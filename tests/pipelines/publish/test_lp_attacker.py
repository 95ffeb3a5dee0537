"""The disclosure attacker itself: it must find what combining the published equations gives
away, and must not claim more than the equations allow."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tests.pipelines.publish.lp_attacker import attack

CATALOGUE = pd.DataFrame(
    {"metric_id": ["enrolled"], "kind": ["count"], "anchor": ["start date"], "denominator": [""]}
)
H1, H2, YEAR = pd.Timestamp("2024-01-01"), pd.Timestamp("2024-07-01"), pd.Timestamp("2024-01-01")


def _table(cells: list[tuple[str, pd.Timestamp, str, str, int, str | None]]):
    """(period_type, start, subgroup_type, subgroup, true n, label) -> (published, truth)."""
    rows = [
        dict(metric_id="enrolled", population="all", initiative_id="I", partnership_id="ALL",
             period_type=p, period_start=s, subgroup_type=t, subgroup=g, n=n, numerator=np.nan,
             suppressed=label)
        for p, s, t, g, n, label in cells
    ]  # fmt: skip
    truth = pd.DataFrame(rows)
    published = truth.copy()
    published["n"] = published["n"].where(published["suppressed"].isna())
    return published, truth


def test_the_worked_example_of_the_issue_is_pinned_by_combining_equations():
    """Second half "<5" with F, M and X each "<5" gives it at least 3; the year "<5" with a
    first half of 1 gives it at most 3: the half-year is 3 and each gender 1. No single
    equation says so."""
    published, truth = _table([
        ("year", YEAR, "all", "all", 4, "lt5"),
        ("half_year", H1, "all", "all", 1, None),
        ("half_year", H2, "all", "all", 3, "lt5"),
        ("half_year", H1, "gender", "F", 1, None),
        ("half_year", H2, "gender", "F", 1, "lt5"),
        ("half_year", H2, "gender", "M", 1, "lt5"),
        ("half_year", H2, "gender", "X", 1, "lt5"),
        ("year", YEAR, "gender", "F", 2, "suppressed"),
        ("year", YEAR, "gender", "M", 1, "lt5"),
        ("year", YEAR, "gender", "X", 1, "lt5"),
    ])  # fmt: skip
    found = attack(published, CATALOGUE, truth).frame
    assert len(found) == 8  # every hidden count of 1-4
    assert np.allclose(found["low"], found["truth"]) and np.allclose(found["high"], found["truth"])


def test_what_the_equations_leave_open_stays_open():
    """Two hidden halves of a published year: each is anywhere from 1 to the rest."""
    published, truth = _table([
        ("year", YEAR, "all", "all", 9, None),
        ("half_year", H1, "all", "all", 4, "lt5"),
        ("half_year", H2, "all", "all", 5, "suppressed"),
    ])  # fmt: skip
    found = attack(published, CATALOGUE, truth).frame.set_index("row")
    assert list(found.index) == [1]
    assert (found.loc[1, "low"], found.loc[1, "high"]) == (1.0, 4.0)


def test_an_owner_knows_its_own_cells():
    """A partnership that knows it has 3 of the initiative's "<5" gets the other's 1."""
    published, truth = _table([("year", YEAR, "all", "all", 4, "lt5")])
    own = published.assign(partnership_id="P1", suppressed="suppressed")
    other = published.assign(partnership_id="P2", n=np.nan, suppressed="lt5")
    published = pd.concat([published, own, other], ignore_index=True)
    truth = pd.concat([truth, own.assign(n=3), other.assign(n=1)], ignore_index=True)
    blind = attack(published, CATALOGUE, truth).pinned()
    knowing = attack(published, CATALOGUE, truth, known=np.array([False, True, False])).pinned()
    assert blind.empty
    assert set(knowing["row"]) == {0, 2} and np.allclose(knowing["low"], knowing["truth"])
