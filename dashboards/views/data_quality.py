"""Data-quality page for data stewards: deliveries, quarantine reasons, freshness, and the
downloadable list of quarantined rows for one partner."""

from __future__ import annotations

import altair as alt
import streamlit as st

from dashboards.components import download_buttons, page_header
from dashboards.data import query
from dashboards.i18n import column_labels, current_language, format_value, t

account, snapshot = page_header("page_data_quality", "data_quality")
lang = current_language()
suffix = "_da" if lang == "da" else ""  # quarantine messages are stored in Danish and English
st.write(t("dq_intro"))

ALL = "__all__"
if account.role == "partnership":  # its own partner system only
    partner = query(snapshot, "select partner_system from {partnerships} where partnership_id = ?",
                    (account.scope,))["partner_system"].iloc[0]  # fmt: skip
    st.caption(f"{t('dq_partner')}: {partner}")
else:
    partners = query(snapshot, "select distinct partner from {dq_freshness} order by partner")
    partner = st.selectbox(
        t("dq_partner"),
        [ALL, *partners["partner"]],
        format_func=lambda p: t("dq_all_partners") if p == ALL else p,
        key="dq_partner",
    )
where = "" if partner == ALL else "where partner = ?"
params = () if partner == ALL else (partner,)


def show(frame) -> None:
    """A table with the steward's column names (downloads keep the technical ones)."""
    st.dataframe(frame.rename(columns=column_labels(frame.columns)), hide_index=True,
                 width="stretch")  # fmt: skip


def partner_rows(columns: str, table: str, order: str):
    """``columns`` of one data-quality table for the chosen partner (or every partner)."""
    return query(snapshot, f"select {columns} from {{{table}}} {where} order by {order}", params)


deliveries = partner_rows(
    "partner, entity, source_name, received_at, rows_read, rows_loaded, rows_quarantined, "
    "rows_changed, status, error",
    "dq_deliveries",
    "received_at desc, delivery_seq desc",
)
st.subheader(t("dq_deliveries"))
if deliveries.empty:
    st.info(t("dq_no_deliveries"))
else:
    st.write(t(
        "dq_summary", deliveries=format_value(len(deliveries), "count", lang),
        read=format_value(deliveries.rows_read.sum(), "count", lang),
        loaded=format_value(deliveries.rows_loaded.sum(), "count", lang),
        quarantined=format_value(deliveries.rows_quarantined.sum(), "count", lang),
        failed=int((deliveries.status == "failed").sum()),
    ))  # fmt: skip
    failed = deliveries[deliveries.status == "failed"]
    if not failed.empty:
        st.warning(t("dq_failed"))
        show(failed[["partner", "entity", "source_name", "received_at", "error"]])
    show(deliveries.drop(columns="error"))
    download_buttons(deliveries, "deliveries", key="download_deliveries")

st.subheader(t("dq_reasons"))
reasons = partner_rows(
    f"partner, entity, rule, contract_column, rows_quarantined, example_message{suffix} "
    "as example_message",
    "dq_quarantine_reasons",
    "rows_quarantined desc",
)
if reasons.empty:
    st.success(t("dq_no_quarantine"))
else:
    chart = (
        alt.Chart(reasons.groupby("rule", as_index=False)["rows_quarantined"].sum())
        .mark_bar()
        .encode(x=alt.X("rows_quarantined:Q", title=t("dq_quarantined_rows"),
                        axis=alt.Axis(tickMinStep=1, format="d")),
                y=alt.Y("rule:N", sort="-x", title=None), tooltip=["rule", "rows_quarantined"])
    )  # fmt: skip
    st.altair_chart(chart, width="stretch")
    show(reasons)

st.subheader(t("dq_freshness"))
freshness = partner_rows(
    "partner, entity, last_loaded_at, days_since_last_load, deliveries, failed_deliveries, "
    "is_stale, stale_after_days",
    "dq_freshness",
    "is_stale desc, partner, entity",
)
stale = int(freshness.is_stale.sum())
if stale:
    days = int(freshness.stale_after_days.iloc[0])
    st.warning(t("dq_stale_count", n=stale, days=days))
show(freshness.drop(columns="stale_after_days"))

st.subheader(t("dq_quarantined_rows"))
if account.role != "partnership":  # row-level quarantine goes only to the partnership's own
    st.info(t("dq_rows_own_only"))
    st.stop()
st.caption(t("dq_quarantined_help"))
rows = query(
    snapshot,
    "select partner, entity, source_name, received_at, source_row, source_column, rule, "
    f"message{suffix} as message from {{own_quarantined_rows}} "
    "order by received_at desc, source_name, source_row",
)
show(rows)
download_buttons(rows, f"quarantine_{partner}", key="download_quarantine")
