"""Plain-language sentences: what a comparison rests on, and where a success criterion stands.

Kept apart from the pages so the wording is tested once and reused by exports and reports.
"""

from __future__ import annotations

import pandas as pd

from dashboards.i18n import format_value, t

# below these, a comparison should not rank the initiative (shown as a warning in the note)
MIN_COVERAGE = 0.8
MIN_FOLLOW_UP = 0.8


def _share(value, lang: str) -> str:
    return format_value(value, "share", lang)


def comparability_note(row: pd.Series, lang: str) -> tuple[str, bool]:
    """(note, caution) for one initiative's row of the ``comparability`` table. ``caution`` is
    True when the data cannot bear a ranking: low coverage or follow-up, stale deliveries."""
    parts = [
        t("cmp_attendance", share=_share(row.attendance_coverage, lang)),
        t("cmp_baseline", share=_share(row.baseline_coverage, lang)),
        t("cmp_follow_up", share=_share(row.follow_up_rate, lang), due=int(row.follow_up_due)),
        t("cmp_instruments", names=row.instruments_pooled or "–"),
        t("cmp_quarantined", share=_share(row.quarantined_share, lang)),
        t("cmp_freshness", days="–" if pd.isna(row.days_since_last_load)
          else int(row.days_since_last_load)),
    ]  # fmt: skip
    low = [
        pd.isna(v) or v < limit
        for v, limit in (
            (row.attendance_coverage, MIN_COVERAGE),
            (row.baseline_coverage, MIN_COVERAGE),
            (row.follow_up_rate, MIN_FOLLOW_UP),
        )
    ]
    caution = any(low) or bool(row.has_stale_delivery)
    return " · ".join(parts), caution


def criterion_sentence(row: pd.Series, unit: str, lang: str) -> str:
    """One sentence per success criterion that says where it stands and why."""
    fmt = lambda v: format_value(v, unit, lang)  # noqa: E731
    target = t("target_phrase_" + ("at_least" if row.comparator.startswith(">") else "at_most"),
               target=fmt(row.target))  # fmt: skip
    common = dict(value=fmt(row.value), low=fmt(row.ci_low), high=fmt(row.ci_high),
                  target=target, due=str(row.due_date)[:10], n=format_value(row.n, "count", lang),
                  as_of=str(row.as_of_date)[:10])  # fmt: skip
    if pd.isna(row.value) and row.status == "insufficient_data":
        return t("sentence_suppressed", target=target, due=common["due"])
    return t(f"sentence_{row.status}", **common)
