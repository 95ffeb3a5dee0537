"""Network page: initiatives side by side on one catalogue metric and half-year."""

from __future__ import annotations

import streamlit as st

from dashboards.charts import interval_chart
from dashboards.components import download_button, page_header
from dashboards.data import query
from dashboards.i18n import current_language, format_value, t

lang = current_language()
snapshot = page_header("network_title")
st.write(t("network_intro"))

catalogue = query(snapshot, "select * from {metric_catalogue} order by metric_id")
names = dict(zip(catalogue["metric_id"], catalogue[f"name_{lang}"], strict=True))
left, middle, right = st.columns(3)
metric_id = left.selectbox(t("metric"), list(names), format_func=names.get, key="metric")
period_types = {k: t(f"period_type_{k}") for k in ("half_year", "quarter", "year", "cumulative")}
period_type = middle.selectbox(
    t("period_type"), list(period_types), format_func=period_types.get, key="period_type"
)
populations = query(
    snapshot,
    "select distinct population from {metric_values} where metric_id = ? order by population",
    (metric_id,),
)["population"].tolist()
population = "all" if "all" in populations else (populations or ["all"])[0]
periods = query(
    snapshot,
    "select distinct period_label from {metric_values} "
    "where metric_id = ? and period_type = ? order by 1 desc",
    (metric_id, period_type),
)["period_label"].tolist()
if not periods:
    st.info(t("no_values"))
    st.stop()
period = right.selectbox(t("period"), periods, key="period")
entry = catalogue.set_index("metric_id").loc[metric_id]
st.caption(f"**{t('definition')}:** {entry[f'definition_{lang}']}")

values = query(
    snapshot,
    """
    select m.initiative_id, i.initiative_name, m.partnership_id, p.partnership_name,
           m.value, m.ci_low, m.ci_high, m.n, m.numerator, m.denominator
    from {metric_values} as m
    join {initiatives} as i using (initiative_id)
    left join {partnerships} as p using (partnership_id)
    where m.metric_id = ? and m.population = ? and m.period_type = ? and m.period_label = ?
      and m.subgroup_type = 'all'
    order by m.value desc
    """,
    (metric_id, population, period_type, period),
)
initiatives = values[values["partnership_id"] == "ALL"]
if initiatives.empty:
    st.info(t("no_values"))
    st.stop()

st.altair_chart(
    interval_chart(
        initiatives, "initiative_name", entry["unit"], names[metric_id], t("initiative")
    ),
    width="stretch",
)


def _table(frame, label_columns):
    shown = frame[[*label_columns, "value", "ci_low", "ci_high", "n", "numerator", "denominator"]]
    shown = shown.copy()
    for column in ("value", "ci_low", "ci_high"):
        shown[column] = shown[column].map(lambda v: format_value(v, entry["unit"], lang))
    return shown.rename(
        columns={
            "initiative_name": t("initiative"),
            "partnership_name": t("partnership"),
            "value": t("value"),
            "ci_low": t("ci_low"),
            "ci_high": t("ci_high"),
            "n": t("n"),
            "numerator": t("numerator"),
            "denominator": t("denominator"),
        }
    )


initiative_table = _table(initiatives, ["initiative_name"])
st.dataframe(initiative_table, hide_index=True, width="stretch")
download_button(initiative_table, f"{metric_id}_{period}", key="download_initiatives")

with st.expander(t("by_partnership")):
    by_partnership = values[values["partnership_id"] != "ALL"].sort_values(
        ["initiative_name", "partnership_name"]
    )
    partnership_table = _table(by_partnership, ["initiative_name", "partnership_name"])
    st.dataframe(partnership_table, hide_index=True, width="stretch")
    download_button(
        partnership_table, f"{metric_id}_{period}_partnerships", key="download_partnerships"
    )
