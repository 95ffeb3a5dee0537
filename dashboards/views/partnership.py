"""Partnership page: own metrics against anonymised peers, own participants (pseudonyms and a
search by the partnership's own ID), and one participant's journey."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from dashboards.charts import funnel_chart, journey_charts
from dashboards.components import download_buttons, page_header
from dashboards.data import query
from dashboards.i18n import current_language, format_value, t
from dashboards.lookup import SearchUnavailableError, pseudonym_for_own_id

lang = current_language()
account, snapshot = page_header("partnership_title", "partnership")
own_id = account.scope
asked = st.query_params.get("partnership")
if asked and asked != own_id:  # a link to another partnership's page
    st.error(t("denied_partnership", asked=asked))
    st.stop()

me = query(snapshot, "select * from {partnerships} where partnership_id = ?", (own_id,))
if me.empty:
    st.info(t("no_partnership", id=own_id))
    st.stop()
me = me.iloc[0]
st.subheader(me["partnership_name"])

benchmark, participants, journey = st.tabs(
    [t("tab_benchmark"), t("tab_participants"), t("tab_journey")]
)

with benchmark:
    st.write(t("benchmark_intro"))
    catalogue = query(snapshot, "select * from {metric_catalogue} order by metric_id")
    names = dict(zip(catalogue["metric_id"], catalogue[f"name_{lang}"], strict=True))
    left, middle, right = st.columns(3)
    metric_id = left.selectbox(t("metric"), list(names), format_func=names.get, key="p_metric")
    period_types = {k: t(f"period_type_{k}") for k in ("cumulative", "year", "half_year")}
    period_type = middle.selectbox(t("period_type"), list(period_types),
                                   format_func=period_types.get, key="p_period_type")  # fmt: skip
    populations = query(
        snapshot, "select distinct population from {metric_values} where metric_id = ?",
        (metric_id,),
    )["population"].tolist()  # fmt: skip
    population = "all" if "all" in populations or not populations else sorted(populations)[0]
    periods = query(
        snapshot,
        "select distinct period_label from {metric_values} where metric_id = ? "
        "and period_type = ? order by 1 desc",
        (metric_id, period_type),
    )["period_label"].tolist()
    unit = catalogue.set_index("metric_id").loc[metric_id, "unit"]
    if not periods:
        st.info(t("no_values"))
    else:
        period = right.selectbox(t("period"), periods, key="p_period")
        st.caption(t("population_shown", population=t(f"population_{population}")))
        rows = query(
            snapshot,
            """
            select partnership_id, value, ci_low, ci_high, n, suppressed from {metric_values}
            where metric_id = ? and period_type = ? and period_label = ?
              and population = ? and subgroup_type = 'all' and partnership_id <> 'ALL'
            """,
            (metric_id, period_type, period, population),
        )
        own = rows[rows["partnership_id"] == own_id]
        peers = rows[(rows["partnership_id"] != own_id) & rows["suppressed"].isna()]
        # peers are numbered by value, never named
        peers = peers.sort_values("value", ascending=False).reset_index(drop=True)
        peers["label"] = [t("peer_label", i=i + 1) for i in range(len(peers))]
        if own.empty:
            st.info(t("no_own_value"))
        else:
            mine = own.iloc[0]
            rank = int((peers["value"] > mine["value"]).sum()) + 1
            st.metric(t("own_value"), format_value(mine["value"], unit, lang),
                      help=t("own_value_help", n=int(mine["n"])))  # fmt: skip
            if not peers.empty:
                st.caption(t("own_position", rank=rank, total=len(peers) + 1,
                             median=format_value(peers["value"].median(), unit, lang)))  # fmt: skip
        axis_format = ".0%" if unit.startswith("share") else ",.0f"
        dots = pd.concat([
            peers.assign(who=t("peers")),
            own.assign(label=me["partnership_name"], who=t("own")),
        ])  # fmt: skip
        if dots.empty:
            st.info(t("all_suppressed"))
        else:
            chart = (
                alt.Chart(dots)
                .mark_tick(thickness=3, size=40)
                .encode(x=alt.X("value:Q", title=names[metric_id],
                                axis=alt.Axis(format=axis_format)),
                        color=alt.Color("who:N", title=None,
                                        scale=alt.Scale(domain=[t("peers"), t("own")],
                                                        range=["#9e9e9e", "#d62728"])),
                        tooltip=["label", "n", alt.Tooltip("value:Q", format=axis_format)])
                .properties(height=90)
            )  # fmt: skip
            st.altair_chart(chart, width="stretch")
            peer_table = dots[["label", "value", "ci_low", "ci_high", "n"]].copy()
            for column in ("value", "ci_low", "ci_high"):
                peer_table[column] = peer_table[column].map(lambda v: format_value(v, unit, lang))
            peer_table = peer_table.rename(columns={
                "label": t("partnership"), "value": t("value"), "ci_low": t("ci_low"),
                "ci_high": t("ci_high"), "n": t("n")})  # fmt: skip
            st.dataframe(peer_table, hide_index=True, width="stretch")
            download_buttons(peer_table, f"{metric_id}_{period}_peers", key="download_peers")

        comparison = query(
            snapshot,
            "select * from {metric_comparison} where metric_id = ? and population = ? "
            "and period_type = ? and period_label = ? and partnership_id <> 'ALL' "
            "and suppressed is null and raw_rate is not null",
            (metric_id, population, period_type, period),
        )
        if not comparison.empty:
            st.markdown(f"**{t('tab_funnel')}**")
            comparison = comparison.sort_values("raw_rate", ascending=False)
            comparison["label"] = [
                me["partnership_name"] if p == own_id else t("peer")
                for p in comparison["partnership_id"]
            ]
            st.altair_chart(
                funnel_chart(comparison, "label", names[metric_id], t("n"),
                             highlight=me["partnership_name"]), width="stretch",
            )  # fmt: skip

participants_frame = query(
    snapshot, "select * from {own_participants} order by start_date desc, enrolment_id"
)
with participants:
    st.write(t("participants_intro"))
    found = None
    raw_id = st.text_input(t("search_own_id"), key="own_id", type="password",
                           help=t("search_own_id_help"))  # fmt: skip
    if raw_id:
        try:
            found = pseudonym_for_own_id(raw_id, own_id, me["partner_system"])
        except SearchUnavailableError:
            st.warning(t("search_unavailable"))
        else:
            if found is None or found not in set(participants_frame["pseudonym"]):
                st.warning(t("search_not_found"))
                found = None
            else:
                st.success(t("search_found", pseudonym=found))
                st.session_state["journey_pseudonym"] = found
    shown = participants_frame if found is None else participants_frame[
        participants_frame["pseudonym"] == found]  # fmt: skip
    if shown.empty:
        st.info(t("no_participants"))
    columns = ["pseudonym", "enrolment_id", "start_date", "end_date", "exit_status",
               "status_6m", "status_12m", "gender", "age_band"]  # fmt: skip
    participant_table = shown[columns].rename(columns={c: t(f"col_{c}") for c in columns})
    st.dataframe(participant_table, hide_index=True, width="stretch")
    download_buttons(participant_table, f"participants_{own_id}", key="download_participants")

with journey:
    pseudonyms = participants_frame["pseudonym"].tolist()
    if not pseudonyms:
        st.info(t("no_participants"))
    else:
        if st.session_state.get("journey_pseudonym") not in pseudonyms:
            st.session_state["journey_pseudonym"] = pseudonyms[0]
        pseudonym = st.selectbox(t("participant"), pseudonyms, key="journey_pseudonym")
        attendance = query(snapshot, "select * from {own_attendance} where pseudonym = ? "
                           "order by attendance_month", (pseudonym,))  # fmt: skip
        progression = query(snapshot, "select * from {own_progression} where pseudonym = ? "
                            "order by assessed_on, construct", (pseudonym,))  # fmt: skip
        history = query(snapshot, "select status, outcome_group, status_from, status_to, "
                        "reported_by from {own_status_history} where pseudonym = ? "
                        "order by status_from", (pseudonym,))  # fmt: skip
        titles = {k: t(f"journey_{k}") for k in ("planned", "attended", "month", "hours",
                                                 "assessed_on", "score", "construct")}  # fmt: skip
        attendance_chart, progression_chart = journey_charts(attendance, progression, titles)
        st.markdown(f"**{t('journey_attendance')}**")
        if attendance.empty:
            st.info(t("journey_no_attendance"))
        else:
            st.altair_chart(attendance_chart, width="stretch")
        st.markdown(f"**{t('journey_progression')}**")
        if progression.empty:
            st.info(t("journey_no_progression"))
        else:
            st.altair_chart(progression_chart, width="stretch")
        st.markdown(f"**{t('journey_status')}**")
        st.dataframe(history, hide_index=True, width="stretch")
        download_buttons(history, f"status_{pseudonym}", key="download_history")
