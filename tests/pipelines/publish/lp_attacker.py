"""An attacker of the published metric table: every hidden count bounded by linear programming
over all the equations the publication implies, combined.

It reads only what a snapshot holds (``metric_values`` and ``metric_catalogue``) plus what a
viewer may know already (a partnership its own rows), and is written independently of the
suppressor: the relations are rebuilt here from the table's keys and the catalogue's words.

Unknowns are the hidden people counts ``N`` of every row and the hidden numerators ``U`` of
every proportion. What the attacker uses:

* labels: "<5" is 1..4, any other hidden row at least 1 (rows exist only for non-empty cells);
* partnerships add up to ``ALL``; subgroups of one type add up to ``all``;
* for metrics of one event per unit (catalogue anchor: start, end or follow-up date) quarters
  add up to half-years, half-years to years, years to the cumulative period; for people active
  in a period (attendance) a parent period holds at least each child and at most their sum;
* a nested population (``min_365_days``) is a subset of ``all``; a numerator is at most its n;
* metrics with the same anchor and the same denominator (catalogue words) share n;
* every metric anchored at the start date counts consenting enrolments, a subset of
  ``enrolled``; a row absent from one metric but present in another is 0 there.

Integrality is relaxed; non-negativity is kept. Each target is minimised and maximised with
SciPy's HiGHS over its connected component only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import linprog
from scipy.sparse.csgraph import connected_components

from pipelines.publish.suppression import KEY  # the table's key; the relations are rebuilt here

EVENT_ANCHORS = {"start date", "end date", "follow-up date"}
PERIOD_CHILD = {"half_year": "quarter", "year": "half_year", "cumulative": "year"}


@dataclass
class Bounds:
    """Per target: the row, which quantity (N or U), its true value, and the LP bounds."""

    frame: pd.DataFrame  # columns: row, quantity, truth, low, high

    def pinned(self) -> pd.DataFrame:
        return self.frame[(self.frame.high - self.frame.low) < 0.5]

    def narrower_than(self, width: float) -> pd.DataFrame:
        return self.frame[(self.frame.high - self.frame.low) < width - 1e-6]


class _Model:
    """Variables for hidden quantities; constraints as sparse rows with a constant side."""

    def __init__(self, published: pd.DataFrame, known: np.ndarray, kinds: pd.Series):
        self.rows = len(published)
        is_prop = kinds.eq("proportion").to_numpy()
        hidden = published["suppressed"].notna().to_numpy() & ~known
        self.value = {
            "N": published["n"].to_numpy(dtype=float),
            "U": published["numerator"].to_numpy(dtype=float),
        }
        self.var = {"N": np.full(self.rows, -1), "U": np.full(self.rows, -1)}
        low, high = [], []
        small = published["suppressed"].eq("lt5").to_numpy() & ~known
        count = 0
        for q, mask in (("N", hidden), ("U", hidden & is_prop)):
            idx = np.flatnonzero(mask)
            self.var[q][idx] = np.arange(count, count + len(idx))
            count += len(idx)
            if q == "N":
                low += [1.0] * len(idx)
                high += [4.0 if s else np.inf for s in small[idx]]
            else:
                low += [0.0] * len(idx)
                high += [np.inf] * len(idx)
        self.is_prop = is_prop
        self.count = count
        self.low, self.high = np.array(low), np.array(high)
        self.eq: list[tuple[dict[int, float], float]] = []
        self.ub: list[tuple[dict[int, float], float]] = []
        self.eq_label: list[str] = []
        self.ub_label: list[str] = []
        self.label = ""

    def term(self, q: str, row: int | None) -> tuple[int | None, float]:
        """(variable, 0) for a hidden quantity, (None, value) for a published or absent one."""
        if row is None:
            return None, 0.0
        v = self.var[q][row]
        if v >= 0:
            return int(v), 0.0
        value = self.value[q][row]
        return None, (0.0 if np.isnan(value) else float(value))

    def add(self, q: str, plus: list, minus: list, kind: str) -> None:
        """sum(plus) - sum(minus) == 0 (kind "eq") or <= 0 (kind "le")."""
        coefs: dict[int, float] = {}
        const = 0.0
        for rows, sign in ((plus, 1.0), (minus, -1.0)):
            for row in rows:
                v, c = self.term(q, row)
                if v is None:
                    const += sign * c
                else:
                    coefs[v] = coefs.get(v, 0.0) + sign
        if not coefs:
            return
        (self.eq if kind == "eq" else self.ub).append((coefs, -const))
        (self.eq_label if kind == "eq" else self.ub_label).append(f"{self.label} {q}")


def _index(published: pd.DataFrame) -> dict[tuple, int]:
    return {tuple(k): i for i, k in enumerate(published[KEY].itertuples(index=False))}


def _relations(model: _Model, published: pd.DataFrame, catalogue: pd.DataFrame) -> None:
    at = _index(published)
    keys = published[KEY].reset_index(drop=True)
    entry = catalogue.set_index("metric_id")
    anchor = keys.metric_id.map(entry["anchor"])
    quantities = lambda row: ("N", "U") if model.is_prop[row] else ("N",)  # noqa: E731

    def lines(group_cols: list[str], parent_mask: pd.Series, kind_of) -> None:
        frame = keys.assign(_row=np.arange(len(keys)), _parent=parent_mask.to_numpy())
        for _, g in frame.groupby(group_cols, sort=False, dropna=False):
            parents = g[g._parent]
            children = g[~g._parent]
            if parents.empty or children.empty:
                continue
            p = int(parents._row.iloc[0])
            kids = [int(r) for r in children._row]
            for q in quantities(p):
                if kind_of(p) == "eq":
                    model.add(q, [p], kids, "eq")
                else:  # parent >= each child, parent <= sum of children
                    for k in kids:
                        model.add(q, [k], [p], "le")
                    model.add(q, [p], kids, "le")

    model.label = "partnerships"
    lines([c for c in KEY if c != "partnership_id"], keys.partnership_id.eq("ALL"),
          lambda p: "eq")  # fmt: skip
    model.label = "subgroups"
    base = keys[keys.subgroup_type == "all"]
    cols = [c for c in KEY if c not in ("subgroup_type", "subgroup")]
    base_at = {tuple(k): i for i, k in zip(base.index, base[cols].itertuples(index=False),
                                           strict=True)}  # fmt: skip
    sub = keys[keys.subgroup_type != "all"]
    for (_stype, *rest), g in sub.groupby(["subgroup_type", *cols], sort=False):
        p = base_at.get(tuple(rest))
        kids = [int(r) for r in g.index]
        for q in quantities(kids[0]):
            if p is None:
                model.add(q, kids, [], "eq")  # no 'all' row: the whole is empty
            else:
                model.add(q, [p], kids, "eq")
    model.label = "periods"
    start = pd.to_datetime(keys.period_start)
    parent_start = {
        "quarter": pd.to_datetime({"year": start.dt.year,
                                   "month": np.where(start.dt.month <= 6, 1, 7), "day": 1}),
        "half_year": pd.to_datetime({"year": start.dt.year, "month": 1, "day": 1}),
    }  # fmt: skip
    rest = [c for c in KEY if c not in ("period_type", "period_start")]
    for parent_type, child_type in PERIOD_CHILD.items():
        parents = keys[keys.period_type == parent_type]
        children = keys[keys.period_type == child_type]
        if parents.empty or children.empty:
            continue
        if parent_type == "cumulative":
            child_group = children[rest].astype(str).agg("|".join, axis=1)
            parent_group = parents[rest].astype(str).agg("|".join, axis=1)
        else:
            child_group = (
                children[rest].astype(str).agg("|".join, axis=1)
                + "|"
                + parent_start[child_type].loc[children.index].astype(str)
            )
            parent_group = (
                parents[rest].astype(str).agg("|".join, axis=1)
                + "|"
                + pd.to_datetime(parents.period_start).astype(str)
            )
        kids_of = pd.Series(children.index).groupby(child_group.to_numpy()).agg(list)
        for p, grp in zip(parents.index, parent_group, strict=True):
            kids = kids_of.get(grp)
            if not kids:
                continue
            additive = anchor.iloc[p] in EVENT_ANCHORS
            if not additive and anchor.iloc[p] != "attendance date":
                continue  # "active at the period's end" has no relation between periods
            for q in quantities(p):
                if additive:
                    model.add(q, [p], kids, "eq")
                else:
                    for k in kids:
                        model.add(q, [k], [p], "le")
                    model.add(q, [p], kids, "le")
    model.label = "populations"
    for i in np.flatnonzero(keys.population.eq("min_365_days").to_numpy()):
        k = list(keys.iloc[i])
        k[1] = "all"
        p = at.get(tuple(k))
        for q in quantities(i):
            model.add(q, [i], [p], "le")
    # numerator at most n
    for i in np.flatnonzero(model.is_prop):
        v_u, c_u = model.term("U", i)
        v_n, c_n = model.term("N", i)
        coefs: dict[int, float] = {}
        if v_u is not None:
            coefs[v_u] = 1.0
        if v_n is not None:
            coefs[v_n] = coefs.get(v_n, 0.0) - 1.0
        if coefs:
            model.ub.append((coefs, c_n - c_u))
    model.label = "cross-metric"
    # same anchor and denominator words share n; start-date metrics <= enrolled
    cell = [c for c in KEY if c != "metric_id"]
    denominator = keys.metric_id.map(entry["denominator"]).fillna("")
    by_cell = keys.assign(_row=np.arange(len(keys)), _anchor=anchor, _den=denominator)
    rates = catalogue[catalogue.kind.eq("proportion")]  # a mean's n depends on its construct
    metrics_at = {m: set(g) for m, g in rates.groupby(["anchor", "denominator"]).metric_id}
    for (_anchor, den), members in metrics_at.items():
        if len(members) < 2 or not den:
            continue
        rows = by_cell[by_cell.metric_id.isin(members)]
        for _, g in rows.groupby(cell, sort=False):
            present = list(g._row)
            first = present[0]
            for other in present[1:]:
                model.add("N", [first], [other], "eq")
            # a sibling metric without a row here is empty, so these are too
            if len(present) < len(members & set(keys.metric_id)):
                model.add("N", present[:1], [], "eq")
    enrolled = by_cell[by_cell.metric_id.eq("enrolled")]
    enrolled_at = {tuple(k): r for k, r in zip(enrolled[cell].itertuples(index=False),
                                               enrolled._row, strict=True)}  # fmt: skip
    starters = by_cell[by_cell._anchor.eq("start date") & ~by_cell.metric_id.eq("enrolled")
                       & by_cell.population.eq("all")]  # fmt: skip
    for k, r in zip(starters[cell].itertuples(index=False), starters._row, strict=True):
        model.add("N", [int(r)], [enrolled_at.get(tuple(k))], "le")


def _check_truth(model: _Model, a_eq, b_eq, a_ub, b_ub, truth: pd.DataFrame) -> None:
    """The true table must satisfy every relation the attacker uses, or the attacker is wrong."""
    x = np.zeros(model.count)
    for q, column in (("N", "n"), ("U", "numerator")):
        rows = np.flatnonzero(model.var[q] >= 0)
        x[model.var[q][rows]] = truth[column].to_numpy(dtype=float)[rows]
    if a_eq.shape[0]:
        bad = np.flatnonzero(abs(a_eq @ x - b_eq) > 1e-6)
        labels = pd.Series([model.eq_label[i] for i in bad]).value_counts().to_dict()
        assert not len(bad), f"{len(bad)} equations the true table breaks: {labels}"
    if a_ub.shape[0]:
        bad = np.flatnonzero(a_ub @ x - b_ub > 1e-6)
        labels = pd.Series([model.ub_label[i] for i in bad]).value_counts().to_dict()
        assert not len(bad), f"{len(bad)} inequalities the true table breaks: {labels}"


def attack(
    published: pd.DataFrame,
    catalogue: pd.DataFrame,
    truth: pd.DataFrame,
    known: np.ndarray | None = None,
    numerators: bool = True,
) -> Bounds:
    """LP bounds of every hidden quantity whose true value is 1..4 (``truth`` is the unsuppressed
    table in the same row order, used only to choose targets and to report)."""
    published = published.reset_index(drop=True)
    truth = truth.reset_index(drop=True)
    known = np.zeros(len(published), bool) if known is None else np.asarray(known, bool)
    published = published.copy()
    for column in ("n", "numerator"):  # a viewer knows its own numbers, hidden or not
        published[column] = published[column].where(~known, truth[column])
    kinds = published.metric_id.map(catalogue.set_index("metric_id")["kind"])
    model = _Model(published, known, kinds)
    _relations(model, published, catalogue)

    def matrix(items):
        if not items:
            return sparse.csr_matrix((0, model.count)), np.zeros(0)
        r, c, v = [], [], []
        for i, (coefs, _) in enumerate(items):
            r += [i] * len(coefs)
            c += list(coefs)
            v += list(coefs.values())
        return sparse.csr_matrix((v, (r, c)), shape=(len(items), model.count)), np.array(
            [b for _, b in items]
        )

    a_eq, b_eq = matrix(model.eq)
    a_ub, b_ub = matrix(model.ub)
    graph = sparse.vstack([a_eq, a_ub]).tocsr()
    graph = (abs(graph).T @ abs(graph)).tocsr() if graph.shape[0] else sparse.eye(model.count)
    _, component = connected_components(graph, directed=False)
    _check_truth(model, a_eq, b_eq, a_ub, b_ub, truth)

    targets = []
    t_n = truth["n"].to_numpy(dtype=float)
    t_u = truth["numerator"].to_numpy(dtype=float)
    for q, values in (("N", t_n), ("U", t_u)):
        if q == "U" and not numerators:
            continue
        rows = np.flatnonzero(model.var[q] >= 0)
        for row in rows:
            truth_value = values[row]
            rest = t_n[row] - truth_value if q == "U" else np.nan
            if 1 <= truth_value <= 4 or (q == "U" and 1 <= rest <= 4):
                targets.append((row, q, truth_value, model.var[q][row]))

    out = []
    for comp in np.unique(component[[t[3] for t in targets]]) if targets else []:
        cols = np.flatnonzero(component == comp)
        local = np.full(model.count, -1)
        local[cols] = np.arange(len(cols))

        def part(a, b, cols=cols):
            rows = np.flatnonzero(abs(a[:, cols]).sum(axis=1).A1 > 0) if a.shape[0] else []
            return (a[rows][:, cols], b[rows]) if len(rows) else (None, None)

        (a_e, b_e), (a_u, b_u) = part(a_eq, b_eq), part(a_ub, b_ub)
        limits = list(zip(model.low[cols], np.where(np.isinf(model.high[cols]), None,
                                                     model.high[cols]), strict=True))  # fmt: skip
        for row, q, truth_value, var in (t for t in targets if component[t[3]] == comp):
            c = np.zeros(len(cols))
            c[local[var]] = 1.0
            solved = [linprog(sense * c, A_eq=a_e, b_eq=b_e, A_ub=a_u, b_ub=b_u, bounds=limits,
                              method="highs") for sense in (1.0, -1.0)]  # fmt: skip
            lo, hi = solved
            if lo.status != 0 or hi.status not in (0, 3):
                raise AssertionError(f"attacker LP not solved ({lo.message}; {hi.message})")
            out.append((row, q, truth_value, lo.fun, np.inf if hi.status == 3 else -hi.fun))
    return Bounds(pd.DataFrame(out, columns=["row", "quantity", "truth", "low", "high"]))


def main(argv: list[str] | None = None) -> int:
    """python -m tests.pipelines.publish.lp_attacker WAREHOUSE SERVING [AUDIENCE]: how many
    hidden counts of 1-4 a published snapshot gives away (the warehouse is read for the truth)."""
    import argparse

    import duckdb

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("warehouse")
    parser.add_argument("serving")
    parser.add_argument("audience", nargs="?", default="network")
    parser.add_argument("--initiative", help="attack one initiative only")
    args = parser.parse_args(argv)
    con = duckdb.connect(args.warehouse, read_only=True)
    truth = con.sql("select * from marts.metric_values").df()
    catalogue = con.sql("select * from reference.metric_catalogue").df()
    published = pd.read_parquet(f"{args.serving}/{args.audience}/metric_values.parquet")
    for frame in (truth, published):
        frame["period_start"] = pd.to_datetime(frame["period_start"])
    if args.initiative:
        published = published[published.initiative_id.eq(args.initiative)]
    published = published.reset_index(drop=True)
    truth = published[KEY].merge(truth, on=KEY, how="left", validate="one_to_one")
    owner = args.audience.removeprefix("partnership-") if args.audience != "network" else None
    known = published.partnership_id.eq(owner).to_numpy() if owner else None
    found = attack(published, catalogue, truth, known=known)
    frame, pinned = found.frame, found.pinned()
    correct = (abs(pinned.low - pinned.truth) < 1e-6).sum()
    shown = published.suppressed.isna() & ~published.partnership_id.eq(owner or "")
    prop = published.metric_id.map(catalogue.set_index("metric_id")["kind"]).eq("proportion")
    small = published.numerator.between(1, 4) | (published.n - published.numerator).between(1, 4)
    for q, name in (("N", "hidden people counts"), ("U", "hidden numerators")):
        part = frame[frame.quantity.eq(q)]
        hit = pinned[pinned.quantity.eq(q)]
        narrow = found.narrower_than(2)
        print(f"{name} of 1-4 (or complement 1-4): {len(part)}, pinned {len(hit)}, "
              f"narrower than 2: {int(narrow.quantity.eq(q).sum())}")  # fmt: skip
    print(f"pinned to the true value: {correct} of {len(pinned)}")
    print(f"shown proportions: {int((shown & prop).sum())}, with a numerator or complement "
          f"of 1-4: {int((shown & prop & small).sum())}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
