"""Small-cell suppression of the published metric table (DESIGN section 6).

Primary suppression hides what is too small to show: a count of 1 to ``min_count - 1`` people
(published as "<5"), and a rate, mean or median resting on fewer than ``min_denominator`` people.
Complementary suppression then hides more cells until no hidden count can be worked out from
what is published. The metric table is additive along four axes, and each gives linear
constraints a reader could use:

* partnerships add up to their initiative's ``ALL`` row;
* the subgroups of one type (age band, gender, impairment group) add up to the ``all`` row;
* quarters add up to half-years, half-years to years, years to the cumulative period;
* a nested population (``min_365_days``) plus the people outside it make up its parent
  population (``all``): the difference of the two rows is a count too, and is protected as one.

Each constraint is a *line*: ``parent = sum(children)``. A hidden cell is derivable from one
line when its feasible range, given the published cells and what the labels say about the
other hidden cells ("<5" is 1–4, any other hidden count at least ``min_count``), shrinks to a
single number. The loop hides the smallest published cell of every such line until no line
gives a hidden value away. A viewer who already knows some cells (a partnership knows its own)
is handled by treating those cells as published and never choosing them as a complement.

Suppressed values are removed from the data (set to null), never just hidden by the UI.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
import pandas as pd

KEY = [
    "metric_id",
    "population",
    "initiative_id",
    "partnership_id",
    "period_type",
    "period_start",
    "subgroup_type",
    "subgroup",
]
# the columns that carry (or reveal) a row's numbers; nulled when the row is suppressed
MASKED = ["n", "numerator", "denominator", "value", "ci_low", "ci_high", "detail"]
SMALL_COUNT = "lt5"  # shown as "<5"
SUPPRESSED = "suppressed"  # too few people behind a rate, or hidden to protect another cell
ALL = "ALL"
# a metric anchored on one event per unit adds up over periods; one of people active in a
# period (attendance) does not
EVENT_ANCHORS = {"start date", "end date", "follow-up date"}
PERIOD_PARENT = {"quarter": "half_year", "half_year": "year", "year": "cumulative"}


@dataclass(frozen=True)
class SuppressionRules:
    """Thresholds (DESIGN section 6 defaults); a network can tighten them by environment."""

    min_count: int = 5
    min_denominator: int = 10
    # optional stricter rule: hide a proportion whose numerator or its complement is 1..k-1
    min_rate_numerator: int = 0
    nested_populations: tuple[tuple[str, str], ...] = (("min_365_days", "all"),)

    @classmethod
    def from_env(cls) -> SuppressionRules:
        def number(var: str, default: int) -> int:
            raw = os.environ.get(var, "").strip()
            if not raw:
                return default
            if not raw.isdigit():
                raise ValueError(f"{var} must be a whole number, got {raw!r}")
            return int(raw)

        return cls(
            min_count=number("OUTCOMES_SUPPRESS_MIN_COUNT", cls.min_count),
            min_denominator=number("OUTCOMES_SUPPRESS_MIN_DENOMINATOR", cls.min_denominator),
            min_rate_numerator=number("OUTCOMES_SUPPRESS_MIN_NUMERATOR", cls.min_rate_numerator),
        )


def primary_suppression(values: pd.DataFrame, kinds: pd.Series, rules: SuppressionRules):
    """(small_count, small_denominator) masks of the rows that are too small to show."""
    n = values["n"].fillna(0)
    is_count = kinds.eq("count").to_numpy()
    small_count = is_count & (n >= 1) & (n < rules.min_count)
    small_den = ~is_count & (n < rules.min_denominator)
    if rules.min_rate_numerator > 0:
        k = rules.min_rate_numerator
        num = values["numerator"].fillna(0)
        rest = values["denominator"].fillna(0) - num
        small_num = kinds.eq("proportion").to_numpy() & (
            ((num >= 1) & (num < k)) | ((rest >= 1) & (rest < k))
        )
        small_den = small_den | small_num
    return np.asarray(small_count), np.asarray(small_den)


@dataclass
class _Lines:
    """Constraint lines as memberships: cell index, line index, coefficient (+1 parent)."""

    cell: np.ndarray
    line: np.ndarray
    coef: np.ndarray
    count: int
    # per line: the equation holds for the published quantities but not for the number of
    # people (people active in two quarters count once in the half-year), so only "exactly
    # one hidden cell" gives something away, and no bounds on n may be used
    structural: np.ndarray


def _partition_lines(keys: pd.DataFrame, parent_mask: np.ndarray, group_by: list[str]):
    """Lines of one axis: rows grouped by ``group_by``; the parent is the row in the group
    where ``parent_mask`` holds, the children are the rest of the group."""
    frame = keys[group_by].copy()
    frame["_cell"] = np.arange(len(keys))
    frame["_parent"] = parent_mask
    group = frame.groupby(group_by, sort=False, dropna=False).ngroup().to_numpy()
    has_parent = np.zeros(group.max() + 1 if len(group) else 0, dtype=bool)
    has_parent[group[parent_mask]] = True
    keep = has_parent[group]
    return frame["_cell"].to_numpy()[keep], group[keep], np.where(parent_mask[keep], 1, -1)


def _build_lines(
    keys: pd.DataFrame,
    period_additive: np.ndarray,
    extra: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
) -> _Lines:
    parts = []
    structural: list[np.ndarray] = []
    offset = 0
    rest = list(KEY)

    def add(cells, groups, coefs, is_structural: bool = False):
        nonlocal offset
        if len(cells) == 0:
            return
        _, dense = np.unique(groups, return_inverse=True)
        parts.append((cells, dense + offset, coefs))
        structural.append(np.full(dense.max() + 1, is_structural))
        offset += dense.max() + 1

    # partnerships -> ALL
    add(
        *_partition_lines(
            keys,
            (keys["partnership_id"] == ALL).to_numpy(),
            [c for c in rest if c != "partnership_id"],
        )
    )
    # subgroups of one type -> the 'all' row (shared by every subgroup type)
    sub = keys[keys["subgroup_type"] != "all"]
    base = keys[keys["subgroup_type"] == "all"]
    if len(sub) and len(base):
        cols = [c for c in rest if c not in ("subgroup_type", "subgroup")]
        joined = sub.reset_index().merge(
            base.reset_index()[[*cols, "index"]], on=cols, suffixes=("", "_parent")
        )
        line_id = joined.groupby([*cols, "subgroup_type"], sort=False).ngroup().to_numpy()
        parent_of_line = pd.Series(joined["index_parent"].to_numpy()).groupby(line_id).first()
        add(
            np.concatenate([joined["index"].to_numpy(), parent_of_line.to_numpy()]),
            np.concatenate([line_id, parent_of_line.index.to_numpy()]),
            np.concatenate([-np.ones(len(joined), int), np.ones(len(parent_of_line), int)]),
        )
    # periods: quarter -> half-year -> year -> cumulative
    period_parent_start = _period_parent_start(keys)
    for child_type, parent_type in PERIOD_PARENT.items():
        children = keys[keys["period_type"] == child_type].copy()
        parents = keys[keys["period_type"] == parent_type]
        if children.empty or parents.empty:
            continue
        children["parent_start"] = period_parent_start.loc[children.index]
        cols = [c for c in rest if c not in ("period_type", "period_start")]
        left = children.reset_index()[[*cols, "parent_start", "index"]]
        right = parents.reset_index()[[*cols, "period_start", "index"]]
        right["period_start"] = pd.to_datetime(right["period_start"])
        if parent_type == "cumulative":
            joined = left.merge(
                right.drop(columns="period_start"), on=cols, suffixes=("", "_parent")
            )
        else:
            joined = left.merge(
                right,
                left_on=[*cols, "parent_start"],
                right_on=[*cols, "period_start"],
                suffixes=("", "_parent"),
            )
        for additive in (True, False):
            part = joined[period_additive[joined["index_parent"].to_numpy()] == additive]
            line_id = part["index_parent"].to_numpy()
            parent_cells = np.unique(line_id)
            add(
                np.concatenate([part["index"].to_numpy(), parent_cells]),
                np.concatenate([line_id, parent_cells]),
                np.concatenate([-np.ones(len(part), int), np.ones(len(parent_cells), int)]),
                is_structural=not additive,
            )
    for cells, groups, coefs in extra:
        add(cells, groups, coefs)
    if not parts:
        empty = np.array([], dtype=int)
        return _Lines(empty, empty, empty, 0, np.array([], dtype=bool))
    cell, line, coef = (np.concatenate(x) for x in zip(*parts, strict=True))
    order = np.argsort(line, kind="stable")
    return _Lines(
        cell[order], line[order], coef[order].astype(float), offset, np.concatenate(structural)
    )


def _period_parent_start(keys: pd.DataFrame) -> pd.Series:
    """The start of the enclosing period of each quarter (its half-year) and half-year (its
    year); NaT for other rows."""
    start = pd.to_datetime(keys["period_start"])
    half = pd.to_datetime(
        {"year": start.dt.year, "month": np.where(start.dt.month <= 6, 1, 7), "day": 1}
    )
    year = pd.to_datetime({"year": start.dt.year, "month": 1, "day": 1})
    parent = half.where(keys["period_type"].eq("quarter"), year)
    return parent.where(keys["period_type"].isin(["quarter", "half_year"]))


def _population_virtuals(
    keys: pd.DataFrame, kind: pd.Series, n: np.ndarray, rules: SuppressionRules
):
    """Virtual cells for each nested population: the parent row minus the child row (the
    people outside the nested population), their sensitivity thresholds, and the lines
    ``parent = child + virtual`` that tie them in."""
    cols = [c for c in KEY if c != "population"]
    indexed = keys.reset_index(drop=True).reset_index()
    indexed["_threshold"] = np.where(kind.eq("count"), rules.min_count, rules.min_denominator)
    virt_n, thresholds, cells, groups, coefs = [], [], [], [], []
    first, line = len(keys), 0
    for child_pop, parent_pop in rules.nested_populations:
        children = indexed[indexed["population"] == child_pop]
        parents = indexed[
            (indexed["population"] == parent_pop)
            & indexed["metric_id"].isin(set(children["metric_id"]))
        ]
        if parents.empty:
            continue
        joined = parents.merge(
            children[[*cols, "index"]], on=cols, how="left", suffixes=("", "_child")
        )
        parent = joined["index"].to_numpy()
        has_child = joined["index_child"].notna().to_numpy()
        child = joined["index_child"].fillna(0).to_numpy(dtype=int)
        virtual = first + len(virt_n) + np.arange(len(joined))
        virt_n.extend(n[parent] - np.where(has_child, n[child], 0.0))
        thresholds.extend(joined["_threshold"].to_numpy())
        line_ids = line + np.arange(len(joined))
        cells += [parent, virtual, child[has_child]]
        groups += [line_ids, line_ids, line_ids[has_child]]
        coefs += [np.ones(len(joined)), -np.ones(len(joined)), -np.ones(int(has_child.sum()))]
        line += len(joined)
    if not virt_n:
        return np.array([]), np.array([]), np.array([], dtype=int), None
    return (
        np.asarray(virt_n, dtype=float),
        np.asarray(thresholds, dtype=float),
        np.concatenate(cells[0::3]),
        (np.concatenate(cells), np.concatenate(groups), np.concatenate(coefs)),
    )


def _known_through_own(frame: pd.DataFrame, known: np.ndarray) -> np.ndarray:
    """ALL rows made up of the viewer's own people only (everyone else contributes nothing):
    the viewer knows them already, and they reveal only zeros about others."""
    if not known.any():
        return np.zeros(len(frame), bool)
    cols = [c for c in KEY if c != "partnership_id"]
    own = frame.loc[known, [*cols, "n"]].groupby(cols, dropna=False)["n"].sum().rename("own_n")
    merged = frame[[*cols, "partnership_id", "n"]].merge(
        own, left_on=cols, right_index=True, how="left"
    )
    return (merged["partnership_id"].eq(ALL) & merged["n"].eq(merged["own_n"])).to_numpy()


def _collapsed(lines: _Lines, n, hidden, lb, ub) -> np.ndarray:
    """Per membership: True where a hidden cell's feasible range from its line is one value."""
    hid = hidden[lines.cell]
    coef = lines.coef
    value = n[lines.cell]
    known = np.bincount(lines.line, weights=np.where(hid, 0.0, coef * value), minlength=lines.count)
    lo_i, hi_i = lb[lines.cell], ub[lines.cell]
    cmin = np.where(hid, np.where(coef > 0, coef * lo_i, coef * hi_i), 0.0)
    cmax = np.where(hid, np.where(coef > 0, coef * hi_i, coef * lo_i), 0.0)

    def seg(x):
        finite = np.isfinite(x)
        total = np.bincount(lines.line, weights=np.where(finite, x, 0.0), minlength=lines.count)
        infinite = np.bincount(lines.line, weights=(~finite).astype(float), minlength=lines.count)
        return total, infinite

    min_tot, min_inf = seg(cmin)
    max_tot, max_inf = seg(cmax)
    li = lines.line
    own_min_inf = ~np.isfinite(cmin)
    own_max_inf = ~np.isfinite(cmax)
    others_min = np.where(
        min_inf[li] - own_min_inf > 0, -np.inf, min_tot[li] - np.where(own_min_inf, 0.0, cmin)
    )
    others_max = np.where(
        max_inf[li] - own_max_inf > 0, np.inf, max_tot[li] - np.where(own_max_inf, 0.0, cmax)
    )
    # sum(coef * x) = 0  =>  coef_j * x_j = -known - others
    with np.errstate(invalid="ignore"):
        a = (-known[li] - others_max) / coef
        b = (-known[li] - others_min) / coef
    lo = np.maximum(np.minimum(a, b), lo_i)
    hi = np.minimum(np.maximum(a, b), hi_i)
    hidden_in_line = np.bincount(li, weights=hid.astype(float), minlength=lines.count)
    structural = lines.structural[li]
    return hid & np.where(structural, hidden_in_line[li] == 1, hi - lo < 0.5)


def suppress(
    values: pd.DataFrame,
    catalogue: pd.DataFrame,
    rules: SuppressionRules | None = None,
    known: np.ndarray | None = None,
) -> pd.DataFrame:
    """``values`` (the metric table) with small and derivable cells suppressed, in key order.

    ``catalogue`` is the metric catalogue (metric_id, kind, anchor); ``known`` marks rows the
    viewer already knows (shown as they are, never used as a complement). Adds the column
    ``suppressed``: null (shown), ``"lt5"`` (a count of 1-4, shown as "<5") or ``"suppressed"``.
    """
    rules = rules or SuppressionRules()
    known = np.zeros(len(values), bool) if known is None else np.asarray(known, bool)
    # one order for the same data, whatever order it arrives in: the complements chosen (the
    # smallest cell of a line, ties by position) then never differ between two builds
    order = np.lexsort([values[c].astype(str).to_numpy() for c in reversed(KEY)])
    frame = values.iloc[order].reset_index(drop=True).copy()
    known = known[order]
    if frame.empty:
        frame["suppressed"] = pd.Series(dtype="string")
        return frame
    entry = catalogue.set_index("metric_id")
    kind = frame["metric_id"].map(entry["kind"])
    if kind.isna().any():
        missing = sorted(frame.loc[kind.isna(), "metric_id"].unique())
        raise ValueError(f"metrics missing from the catalogue: {missing}")
    small_count, small_den = primary_suppression(frame, kind, rules)
    n_real = frame["n"].fillna(0).to_numpy(dtype=float)

    virt_n, virt_threshold, virt_parent, virt_lines = _population_virtuals(
        frame[KEY], kind, n_real, rules
    )
    known = known | _known_through_own(frame, known)
    n = np.concatenate([n_real, virt_n])
    real = len(frame)
    hidden = np.concatenate([(small_count | small_den) & ~known, np.ones(len(virt_n), bool)])
    # what a reader can tell from the labels: "<5" is 1..min_count-1; any other hidden cell
    # rests on at least one person (no upper bound); the difference of two populations >= 0
    small_label = np.concatenate([small_count & ~known, np.zeros(len(virt_n), bool)])
    lb = np.concatenate([np.ones(real), np.zeros(len(virt_n))])
    # the people outside a nested population are sensitive if few, unless the viewer owns them
    virt_sensitive = (virt_n >= 1) & (virt_n < virt_threshold) & ~known[virt_parent]
    protected = np.concatenate([hidden[:real], virt_sensitive])
    eligible = np.concatenate([~known, np.zeros(len(virt_n), bool)])

    period_additive = frame["metric_id"].map(entry["anchor"]).isin(EVENT_ANCHORS).to_numpy()
    lines = _build_lines(frame[KEY], period_additive, [virt_lines] if virt_lines else [])
    while lines.count:
        ub = np.where(small_label, rules.min_count - 1, np.inf)
        collapsed = _collapsed(lines, n, hidden, lb, ub) & protected[lines.cell]
        bad_lines = np.unique(lines.line[collapsed])
        if bad_lines.size == 0:
            break
        members = pd.DataFrame(
            {"line": lines.line, "cell": lines.cell, "n": n[lines.cell], "collapsed": collapsed}
        )[np.isin(lines.line, bad_lines)]
        visible = ~hidden[members["cell"]] & eligible[members["cell"]]
        # a line with a published cell left: hide its smallest one as a complement
        picks = members[visible].sort_values(["line", "n", "cell"]).drop_duplicates("line")
        hidden[picks["cell"].to_numpy()] = True
        protected[picks["cell"].to_numpy()] = True
        # a line hidden throughout that still gives a value away through its "<5" labels (four
        # subgroups "<5" under a total "<5" are each 1): show one of them as plain "suppressed"
        stuck = members[~members["line"].isin(picks["line"]) & members["collapsed"]]
        relabel = (
            stuck[small_label[stuck["cell"]]]
            .sort_values(["line", "n"])
            .drop_duplicates("line", keep="last")
        )
        small_label[relabel["cell"].to_numpy()] = False
        # what is left is derivable from the viewer's own cells alone: nothing published can
        # change that, so those lines are settled
        settled = stuck.loc[~stuck["line"].isin(relabel["line"]), "line"].unique()
        if len(settled) and not known.any():
            raise RuntimeError(f"complementary suppression is stuck on {len(settled)} lines")
        protected[members.loc[members["line"].isin(settled) & members["collapsed"], "cell"]] = False
        if picks.empty and relabel.empty:
            break

    hide = hidden[:real]
    frame["suppressed"] = pd.Series(
        np.where(small_label[:real] & hide, SMALL_COUNT, np.where(hide, SUPPRESSED, None)),
        dtype="string",
    )
    for column in MASKED:
        if column in frame:
            frame[column] = frame[column].mask(hide)
    return frame
