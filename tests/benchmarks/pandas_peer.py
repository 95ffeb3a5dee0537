"""The peer: what an analyst would write in pandas instead, on the same delivery files.

The four headline metrics per initiative and half-year -- ``enrolled``, ``attendance_rate``,
``progression_positive`` and ``attached_at_exit`` (population "all"/"ended", all partnerships,
all subgroups) -- straight from the canonical CSV deliveries of the benchmark world, written the
way a careful analyst would: read the files, merge, group by. ``bench.py`` times it in its own
process and checks it gives the warehouse's numbers.

``python -m tests.benchmarks.pandas_peer <workdir>`` writes ``<workdir>/pandas_metrics.parquet``.
"""

from __future__ import annotations

import json
import os
import resource
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from pipelines.settings import DBT_PROJECT_DIR

EMPLOYMENT_OR_EDUCATION = {
    "ORDINARY_JOB", "FLEX_JOB", "WAGE_SUBSIDY_JOB", "SHELTERED_EMPLOYMENT",
    "EDUCATION_ORDINARY", "EDUCATION_PREPARATORY",
}  # fmt: skip


def _read(drop: Path, entity: str, **kwargs) -> pd.DataFrame:
    frames = []
    for path in sorted(drop.glob(f"*/{entity}*.csv")):
        frame = pd.read_csv(path, **kwargs)
        frame["partner"] = path.parent.name
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def half_year(dates: pd.Series) -> pd.Series:
    label = dates.dt.year.astype(str) + np.where(dates.dt.month > 6, "-H2", "-H1")
    return label.rename("period_label")


def compute(drop: Path) -> pd.DataFrame:
    participants = _read(drop, "participants", usecols=["person_id", "consent"],
                         dtype={"person_id": str})  # fmt: skip
    enrolments = _read(drop, "enrolments", dtype={"person_id": str, "enrolment_id": str},
                       parse_dates=["start_date", "end_date"])  # fmt: skip
    attendance = _read(drop, "attendance", dtype={"person_id": str, "enrolment_id": str},
                       usecols=["person_id", "date", "planned_hours", "attended_hours",
                                "enrolment_id"], parse_dates=["date"])  # fmt: skip
    scores = _read(drop, "measurements", dtype={"person_id": str},
                   parse_dates=["assessed_on"])  # fmt: skip
    instruments = pd.read_csv(DBT_PROJECT_DIR / "seeds" / "instruments.csv")

    as_of = max(enrolments.start_date.max(), enrolments.end_date.max(), attendance.date.max())
    consent = participants.set_index(["partner", "person_id"])["consent"]
    enrolments["consent"] = enrolments.set_index(["partner", "person_id"]).index.map(consent)
    consenting = enrolments[enrolments.consent.fillna(False).astype(bool)]

    out = []
    started = enrolments[enrolments.start_date <= as_of]
    enrolled = started.groupby(["initiative_id", half_year(started.start_date)]).size()
    out.append(enrolled.rename("value").reset_index().assign(metric_id="enrolled"))

    days = attendance.merge(consenting[["partner", "enrolment_id", "initiative_id"]],
                            on=["partner", "enrolment_id"])  # fmt: skip
    days["period_label"] = half_year(days.date)
    hours = days.groupby(["initiative_id", "period_label"])[
        ["attended_hours", "planned_hours"]
    ].sum()
    rate = (hours.attended_hours / hours.planned_hours).rename("value").reset_index()
    out.append(rate.assign(metric_id="attendance_rate"))

    ended = consenting[consenting.end_date.notna() & (consenting.end_date <= as_of)]
    attached = ended.exit_status.isin(EMPLOYMENT_OR_EDUCATION).astype(float)
    share = attached.groupby([ended.initiative_id, half_year(ended.end_date)]).mean()
    out.append(share.rename("value").reset_index().assign(metric_id="attached_at_exit"))

    out.append(_progression_positive(scores, instruments, consenting, as_of))
    result = pd.concat(out, ignore_index=True)
    return result[["metric_id", "initiative_id", "period_label", "value"]]


def _progression_positive(scores, instruments, consenting, as_of) -> pd.DataFrame:
    """Composite = mean of normalised items per assessment; baseline = first assessment; follow-up
    = latest at least 182 days later; positive when the composite rose."""
    s = scores.merge(instruments, on=["instrument", "item"])
    s = s[s.score.between(s.scale_min, s.scale_max)]
    span = s.scale_max - s.scale_min
    s["norm"] = np.where(s.reversed, (s.scale_max - s.score) / span, (s.score - s.scale_min) / span)
    s["norm"] *= 100
    s = s.merge(consenting[["partner", "person_id", "enrolment_id", "initiative_id",
                            "start_date", "end_date"]], on=["partner", "person_id"])  # fmt: skip
    s = s[(s.assessed_on >= s.start_date - pd.Timedelta(days=30))
          & (s.assessed_on <= s.end_date.fillna(as_of))]  # fmt: skip
    keys = ["partner", "enrolment_id", "initiative_id", "instrument"]
    composite = s.groupby([*keys, "assessed_on"])["norm"].mean().round(9).reset_index()
    baseline = composite.loc[composite.groupby(keys).assessed_on.idxmin()]
    merged = composite.merge(baseline[[*keys, "assessed_on", "norm"]], on=keys,
                             suffixes=("", "_baseline"))  # fmt: skip
    later = merged[merged.assessed_on >= merged.assessed_on_baseline + pd.Timedelta(days=182)]
    follow = later.loc[later.groupby(keys).assessed_on.idxmax()]
    follow = follow[follow.assessed_on <= as_of]
    positive = ((follow.norm - follow.norm_baseline).round(9) > 0).astype(float)
    share = positive.groupby([follow.initiative_id, half_year(follow.assessed_on)]).mean()
    return share.rename("value").reset_index().assign(metric_id="progression_positive")


if __name__ == "__main__":
    if limit := int(os.environ.get("PEER_MEMORY_LIMIT", "0")):
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    workdir = Path(sys.argv[1])
    metrics = compute(workdir / "drop")
    metrics.to_parquet(workdir / "pandas_metrics.parquet", index=False)
    print("RESULT " + json.dumps({"cells": len(metrics)}))
