"""Pieces every page shows: the access check, the data-as-of banner and table downloads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboards.access import audience, require
from dashboards.accounts import Account
from dashboards.data import Snapshot, current_snapshot
from dashboards.exports import csv_bytes, xlsx_bytes
from dashboards.i18n import t


def data_as_of_banner(snapshot: Snapshot) -> None:
    published = snapshot.published_at.replace("T", " ").replace("+00:00", " UTC")
    st.caption(t("data_as_of", as_of=snapshot.data_as_of, published=published))


def download_buttons(frame: pd.DataFrame, name: str, key: str) -> None:
    """The table as CSV and as an Excel workbook, side by side."""
    left, right, _ = st.columns([1, 1, 4])
    left.download_button(
        t("download_csv"), csv_bytes(frame), file_name=f"{name}.csv", mime="text/csv",
        key=f"{key}_csv",
    )  # fmt: skip
    right.download_button(
        t("download_xlsx"), xlsx_bytes({name: frame}), file_name=f"{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
    )  # fmt: skip


def page_header(title_key: str, page: str) -> tuple[Account, Snapshot]:
    """Access check, title, the role's current snapshot and its "data as of" banner; stops the
    page with a denied message, or with one that says what to do when nothing is published."""
    account = require(page)
    st.title(t(title_key))
    snapshot = current_snapshot(audience(account))
    if snapshot is None:
        st.info(t("no_snapshot"))
        st.stop()
    data_as_of_banner(snapshot)
    return account, snapshot
