"""Network page: initiatives side by side on any catalogue metric and period — raw with
intervals, case-mix adjusted (O/E), as a funnel plot, by subgroup — each beside a note on what
its data can bear."""

from __future__ import annotations

import streamlit as st

from dashboards.charts import funnel_chart, interval_chart
from dashboards.components import download_buttons, page_header
from dashboards.data import query
from dashboards.i18n import current_language, format_value, t
from dashboards.narrative import comparability_note

lang = current_language()
account, snapshot = page_header("network_title", "network")
st.write(t("network_intro"))

catalogue = query(snapshot, "select * from {metric_catalogue} order by metric_id")
names = dict(zip(catalogue["metric_id"], catalogue[f"name_{lang}"], strict=True))
left, middle, right, far = st.columns(4)
metric_id = left.selectbox(t("metric"), list(names), format_func=names.get, key="metric")
period_types = {k: t(f"period_type_{k}") for k in ("half_year", "quarter", "year", "cumulative")}
period_type = middle.selectbox(
    t("period_type"), list(period_types), format_func=period_types.get, key="period_type"
)
populations = query(
    snapshot,
    "select distinct population from {metric_values} where metric_id = ? order by population",
    (metric_id,),
)["population"].tolist() or ["all"]
population = far.selectbox(
    t("population"), populations, format_func=lambda p: t(f"population_{p}"),
    index=populations.index("all") if "all" in populations else 0, key="population",
)  # fmt: skip
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
unit = entry["unit"]
st.caption(f"**{t('definition')}:** {entry[f'definition_{lang}']}")

values = query(
    snapshot,
    """
    select m.initiative_id, i.initiative_name, m.partnership_id, p.partnership_name,
           m.subgroup_type, m.subgroup, m.value, m.ci_low, m.ci_high, m.n, m.numerator,
           m.denominator, m.suppressed
    from {metric_values} as m
    join {initiatives} as i using (initiative_id)
    left join {partnerships} as p using (partnership_id)
    where m.metric_id = ? and m.population = ? and m.period_type = ? and m.period_label = ?
    order by m.value desc nulls last
    """,
    (metric_id, population, period_type, period),
)
whole = values[values["subgroup_type"] == "all"]
initiatives = whole[whole["partnership_id"] == "ALL"]
if initiatives.empty:
    st.info(t("no_values"))
    st.stop()

comparability = query(
    snapshot,
    "select c.*, i.initiative_name from {comparability} c join {initiatives} i "
    "using (initiative_id)",
)
notes = {
    row.initiative_name: comparability_note(row, lang)
    for row in comparability.itertuples(index=False)
}


def shown_value(row, column: str) -> str:
    if row["suppressed"] == "lt5" and column in ("value", "n"):
        return "<5"
    if isinstance(row["suppressed"], str):
        return t("suppressed_mark")
    return format_value(row[column], unit if column.startswith(("value", "ci")) else "count",
                        lang)  # fmt: skip


def table(frame, label_columns):
    out = frame[label_columns].copy()
    for column in ("value", "ci_low", "ci_high", "n", "numerator", "denominator"):
        out[column] = [shown_value(row, column) for _, row in frame.iterrows()]
    return out.rename(columns={c: t(c) for c in out.columns if c not in label_columns} | {
        "initiative_name": t("initiative"), "partnership_name": t("partnership"),
        "subgroup": t("subgroup")})  # fmt: skip


def comparability_table(names_shown):
    rows = [
        {t("initiative"): name, t("comparability"): notes[name][0],
         t("caution"): "⚠" if notes[name][1] else ""}
        for name in names_shown if name in notes
    ]  # fmt: skip
    st.dataframe(rows, hide_index=True, width="stretch")


raw, adjusted, funnel, subgroups, about = st.tabs(
    [t("tab_raw"), t("tab_adjusted"), t("tab_funnel"), t("tab_subgroups"), t("tab_about")]
)
with raw:
    visible = initiatives[initiatives["suppressed"].isna()]
    if visible.empty:
        st.info(t("all_suppressed"))
    else:
        st.altair_chart(
            interval_chart(visible, "initiative_name", unit, names[metric_id], t("initiative")),
            width="stretch",
        )
    if initiatives["suppressed"].notna().any():
        st.caption(t("suppression_note"))
    initiative_table = table(initiatives, ["initiative_name"])
    st.dataframe(initiative_table, hide_index=True, width="stretch")
    download_buttons(initiative_table, f"{metric_id}_{period}", key="download_initiatives")
    st.markdown(f"**{t('comparability')}**")
    comparability_table(initiatives["initiative_name"])
    with st.expander(t("by_partnership")):
        by_partnership = whole[whole["partnership_id"] != "ALL"].sort_values(
            ["initiative_name", "partnership_name"]
        )
        partnership_table = table(by_partnership, ["initiative_name", "partnership_name"])
        st.dataframe(partnership_table, hide_index=True, width="stretch")
        download_buttons(
            partnership_table, f"{metric_id}_{period}_partnerships", key="download_partnerships"
        )

comparison = query(
    snapshot,
    """
    select c.*, i.initiative_name, p.partnership_name
    from {metric_comparison} as c
    join {initiatives} as i using (initiative_id)
    left join {partnerships} as p using (partnership_id)
    where c.metric_id = ? and c.population = ? and c.period_type = ? and c.period_label = ?
    """,
    (metric_id, population, period_type, period),
)
with adjusted:
    st.write(t("adjusted_intro"))
    oe = comparison[(comparison["partnership_id"] == "ALL") & comparison["suppressed"].isna()]
    oe = oe.dropna(subset=["oe_ratio"])
    if comparison.empty:
        st.info(t("no_adjustment"))
    elif oe.empty:
        st.info(t("all_suppressed"))
    else:
        chart_data = oe.rename(columns={"oe_ratio": "value", "oe_ci_low": "ci_low",
                                        "oe_ci_high": "ci_high"})  # fmt: skip
        st.altair_chart(
            interval_chart(chart_data, "initiative_name", "ratio", t("oe_ratio"),
                           t("initiative")), width="stretch",
        )  # fmt: skip
        oe_table = oe[["initiative_name", "n", "observed", "expected", "oe_ratio", "oe_ci_low",
                       "oe_ci_high", "raw_rate", "adjusted_rate"]].rename(columns={
            "initiative_name": t("initiative"), "n": t("n"), "observed": t("observed"),
            "expected": t("expected"), "oe_ratio": t("oe_ratio"), "oe_ci_low": t("ci_low"),
            "oe_ci_high": t("ci_high"), "raw_rate": t("raw_rate"),
            "adjusted_rate": t("adjusted_rate")})  # fmt: skip
        st.dataframe(oe_table.round(3), hide_index=True, width="stretch")
        download_buttons(oe_table, f"{metric_id}_{period}_adjusted", key="download_adjusted")
        comparability_table(oe["initiative_name"])

with funnel:
    st.write(t("funnel_intro"))
    level = st.radio(t("funnel_level"), ["ALL", "partnership"], horizontal=True,
                     format_func=lambda v: t("initiative") if v == "ALL" else t("partnership"),
                     key="funnel_level")  # fmt: skip
    points = comparison[comparison["suppressed"].isna()].dropna(subset=["raw_rate"])
    points = points[(points["partnership_id"] == "ALL") == (level == "ALL")].copy()
    if points.empty:
        st.info(t("no_adjustment") if comparison.empty else t("all_suppressed"))
    else:
        label = "initiative_name" if level == "ALL" else "partnership_name"
        st.altair_chart(funnel_chart(points, label, names[metric_id], t("n")), width="stretch")
        positions = points[[label, "n", "raw_rate", "funnel_position"]].copy()
        positions["funnel_position"] = positions["funnel_position"].map(
            lambda v: t(f"funnel_{v}"))  # fmt: skip
        unit_title = t("initiative") if level == "ALL" else t("partnership")
        positions = positions.rename(columns={label: unit_title, "n": t("n"),
                                              "raw_rate": t("value"),
                                              "funnel_position": t("funnel_position")})  # fmt: skip
        st.dataframe(positions.round(3), hide_index=True, width="stretch")
        download_buttons(positions, f"{metric_id}_{period}_funnel", key="download_funnel")

with subgroups:
    kinds = [k for k in ("gender", "age_band", "impairment_group")
             if (values["subgroup_type"] == k).any()]  # fmt: skip
    if not kinds:
        st.info(t("no_values"))
    else:
        kind = st.selectbox(t("subgroup_type"), kinds, format_func=lambda k: t(f"subgroup_{k}"),
                            key="subgroup_type")  # fmt: skip
        rows = values[(values["subgroup_type"] == kind) & (values["partnership_id"] == "ALL")]
        rows = rows.sort_values(["initiative_name", "subgroup"])
        subgroup_table = table(rows, ["initiative_name", "subgroup"])
        st.dataframe(subgroup_table, hide_index=True, width="stretch")
        download_buttons(subgroup_table, f"{metric_id}_{period}_{kind}", key="download_subgroups")

with about:
    info = query(
        snapshot,
        """
        select i.initiative_name, i.kind, i.target_group, i.started_on,
               string_agg(p.partnership_name, ', ' order by p.partnership_name) as partnerships
        from {initiatives} i left join {partnerships} p using (initiative_id)
        group by all order by i.initiative_name
        """,
    )
    info = info.rename(columns={"initiative_name": t("initiative"), "kind": t("kind"),
                                "target_group": t("target_group"), "started_on": t("started_on"),
                                "partnerships": t("partnerships")})  # fmt: skip
    st.dataframe(info, hide_index=True, width="stretch")
    download_buttons(info, "initiatives", key="download_about")
