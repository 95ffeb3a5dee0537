"""Realistic delivery defects for the demo world, so quarantine and data quality show real work.

Each defect adds rows a real export might contain (or duplicates one), never changes a true
row for good: so the warehouse still equals the ground truth once the contract checks have
quarantined the defects and the corrected re-delivery has superseded the wrong values.
"""

from __future__ import annotations

import pandas as pd

CORRECTED_ROWS = 5


def _extra(frame: pd.DataFrame, **changes) -> pd.DataFrame:
    row = frame.iloc[[0]].copy()
    for column, value in changes.items():
        row[column] = value
    return pd.concat([frame, row], ignore_index=True)


def _next_day(iso: str) -> str:
    return (pd.Timestamp(iso) + pd.Timedelta(days=1)).strftime("%Y-%m-%d")


def apply(text: dict[str, pd.DataFrame], defects: list[str]) -> dict[str, pd.DataFrame]:
    """The partner's contract text with ``defects`` added (names from world.yaml)."""
    out = dict(text)
    for defect in defects:
        if defect == "impossible_date":
            out["attendance"] = _extra(out["attendance"], date="2024-02-30")
        elif defect == "invalid_cpr":  # day 32 does not exist
            out["participants"] = _extra(out["participants"], person_id="320199-4123")
        elif defect == "unknown_status_word":
            out["outcomes"] = _extra(out["outcomes"], status="Efterskole", status_from="2024-01-15")
        elif defect == "score_out_of_range":
            m = out["measurements"]
            out["measurements"] = _extra(m, score="99", assessed_on=_next_day(m["assessed_on"][0]))
        elif defect == "duplicate_row":
            out["attendance"] = _extra(out["attendance"])
        elif defect == "injection_id":
            out["participants"] = _extra(
                out["participants"], person_id='=HYPERLINK("http://example.invalid","x")'
            )
        elif defect == "corrected_redelivery":
            a = out["attendance"].copy()
            wrong = a.index[a["attended_hours"].astype(float) > 0][:CORRECTED_ROWS]
            a.loc[wrong, "attended_hours"] = "0"
            out["attendance"] = a
        else:
            raise ValueError(f"world.yaml defects: unknown defect {defect!r}")
    return out


def correction(text: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The rows a corrected re-delivery sends again, with their true values."""
    a = text["attendance"]
    return a.loc[a.index[a["attended_hours"].astype(float) > 0][:CORRECTED_ROWS]]
