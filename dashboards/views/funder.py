"""Funder page: the success-criteria scorecard of each funded initiative, a sentence per
criterion, the trend behind it, and a report to take away (Excel workbook, printable HTML)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboards.charts import trend_chart
from dashboards.components import page_header
from dashboards.data import query
from dashboards.exports import html_report, xlsx_bytes
from dashboards.i18n import current_language, format_value, t
from dashboards.narrative import criterion_sentence

lang = current_language()
account, snapshot = page_header("funder_title", "funder")
st.write(t("funder_intro"))

funders = query(snapshot, "select distinct funder from {success_criteria_status} order by 1")
if account.role == "funder":
    funder = account.scope  # a funder sees its own scorecard only
    if funder not in set(funders["funder"]):
        st.info(t("no_criteria"))
        st.stop()
else:
    if funders.empty:
        st.info(t("no_criteria"))
        st.stop()
    funder = st.selectbox(t("funder"), funders["funder"].tolist(), key="funder")

criteria = query(
    snapshot,
    """
    select s.*, i.initiative_name, c.unit, c.name_da, c.name_en
    from {success_criteria_status} s
    join {initiatives} i using (initiative_id)
    join {metric_catalogue} c using (metric_id)
    where s.funder = ?
    order by i.initiative_name, s.criterion_id
    """,
    (funder,),
)
st.subheader(funder)
scorecard_rows = []
for row in criteria.itertuples(index=False):
    fmt = lambda v, unit=row.unit: format_value(v, unit, lang)  # noqa: E731
    scorecard_rows.append({
        t("initiative"): row.initiative_name,
        t("criterion"): getattr(row, f"description_{lang}"),
        t("value"): fmt(row.value),
        t("interval"): "–" if pd.isna(row.ci_low) else f"{fmt(row.ci_low)} – {fmt(row.ci_high)}",
        t("target"): f"{row.comparator} {fmt(row.target)}",
        t("due_date"): str(row.due_date)[:10],
        t("status"): t(f"status_{row.status}"),
        t("explanation"): criterion_sentence(pd.Series(row._asdict()), row.unit, lang),
    })  # fmt: skip
scorecard = pd.DataFrame(scorecard_rows)

ICONS = {"met": "✅", "on_track": "🟢", "not_met": "❌", "behind": "🟠"}
current = None
for status, record in zip(criteria["status"], scorecard_rows, strict=True):
    if record[t("initiative")] != current:
        current = record[t("initiative")]
        st.markdown(f"### {current}")
    st.markdown(f"{ICONS.get(status, '⏳')} **{record[t('criterion')]}** — "
                f"{record[t('status')]}  \n{record[t('explanation')]}")  # fmt: skip
st.dataframe(scorecard, hide_index=True, width="stretch")

st.subheader(t("trend"))
choice = st.selectbox(
    t("criterion"), criteria["criterion_id"].tolist(), key="trend_criterion",
    format_func=lambda c: criteria.set_index("criterion_id").loc[c, f"description_{lang}"],
)  # fmt: skip
picked = criteria.set_index("criterion_id").loc[choice]
trend = query(
    snapshot,
    """
    select period_label, value, ci_low, ci_high, n, suppressed from {metric_values}
    where metric_id = ? and initiative_id = ? and population = ? and partnership_id = 'ALL'
      and subgroup_type = 'all' and period_type = 'half_year'
    order by period_start
    """,
    (picked["metric_id"], picked["initiative_id"], picked["population"]),
)
shown = trend[trend["suppressed"].isna()]
if shown.empty:
    st.info(t("all_suppressed"))
else:
    st.altair_chart(
        trend_chart(shown, picked["unit"], picked[f"name_{lang}"], float(picked["target"])),
        width="stretch",
    )
    if len(shown) < len(trend):
        st.caption(t("suppression_note"))

as_of = snapshot.data_as_of
trend_table = trend.drop(columns="suppressed").rename(columns={
    "period_label": t("period"), "value": t("value"), "ci_low": t("ci_low"),
    "ci_high": t("ci_high"), "n": t("n")})  # fmt: skip
report_name = f"scorecard_{funder.replace(' ', '_')}_{as_of}"
left, right, _ = st.columns([1, 1, 3])
left.download_button(
    t("download_report_xlsx"),
    xlsx_bytes({t("scorecard"): scorecard, t("trend"): trend_table}),
    file_name=f"{report_name}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="report_xlsx",
)
right.download_button(
    t("download_report_html"),
    html_report(
        f"{t('funder_title')} · {funder}",
        t("data_as_of", as_of=as_of, published=snapshot.published_at[:10]),
        [
            (t("scorecard"), t("funder_intro"), scorecard),
            (t("trend"), picked[f"description_{lang}"], trend_table),
        ],
    ),
    file_name=f"{report_name}.html",
    mime="text/html",
    key="report_html",
)
