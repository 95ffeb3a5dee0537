"""Pieces every page shows: the data-as-of banner and safe table downloads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboards.data import Snapshot, current_snapshot
from dashboards.i18n import t

_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would run as a formula with a quote (OWASP CSV
    injection); numbers are left alone."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(
                lambda v: "'" + v if isinstance(v, str) and v.startswith(_FORMULA_PREFIXES) else v
            )
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return neutralise_formulas(frame).to_csv(index=False).encode("utf-8-sig")


def data_as_of_banner(snapshot: Snapshot) -> None:
    published = snapshot.published_at.replace("T", " ").replace("+00:00", " UTC")
    st.caption(t("data_as_of", as_of=snapshot.data_as_of, published=published))


def download_button(frame: pd.DataFrame, name: str, key: str) -> None:
    st.download_button(
        t("download_csv"), csv_bytes(frame), file_name=f"{name}.csv", mime="text/csv", key=key
    )


def page_header(title_key: str) -> Snapshot:
    """Title, the current snapshot and its "data as of" banner; stops the page with a message
    that says what to do when nothing has been published yet."""
    st.title(t(title_key))
    snapshot = current_snapshot()
    if snapshot is None:
        st.info(t("no_snapshot"))
        st.stop()
    data_as_of_banner(snapshot)
    return snapshot
