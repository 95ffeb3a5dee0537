"""Chart builders: pure functions from data frames to Altair charts, so tests can call them."""

from __future__ import annotations

import altair as alt
import pandas as pd


def interval_chart(
    values: pd.DataFrame,
    label_column: str,
    unit: str,
    value_title: str,
    label_title: str,
) -> alt.Chart:
    """A caterpillar chart: one row per unit, the value as a point and its 95 % interval as a bar.

    ``values`` has columns ``label_column``, ``value``, ``ci_low``, ``ci_high`` and ``n``. Rows
    are sorted by value so the ranking is visible, with the interval showing how much of it
    could be chance.
    """
    axis_format = ".0%" if unit.startswith("share") else ",.0f"
    data = values.sort_values("value", ascending=False)
    order = data[label_column].tolist()
    y = alt.Y(f"{label_column}:N", sort=order, title=label_title, axis=alt.Axis(labelLimit=320))
    tooltip = [
        alt.Tooltip(f"{label_column}:N", title=label_title),
        alt.Tooltip("value:Q", title=value_title, format=axis_format.replace("0%", "1%")),
        alt.Tooltip("ci_low:Q", format=axis_format.replace("0%", "1%")),
        alt.Tooltip("ci_high:Q", format=axis_format.replace("0%", "1%")),
        alt.Tooltip("n:Q", title="n"),
    ]
    base = alt.Chart(data).encode(y=y, tooltip=tooltip)
    bars = base.mark_rule(strokeWidth=3, opacity=0.6).encode(
        x=alt.X("ci_low:Q", title=value_title, axis=alt.Axis(format=axis_format)),
        x2="ci_high:Q",
    )
    points = base.mark_point(filled=True, size=90).encode(x="value:Q")
    return (bars + points).properties(height=max(120, 48 * len(order)))


def funnel_chart(
    points: pd.DataFrame, label_column: str, value_title: str, n_title: str,
    highlight: str | None = None,
) -> alt.Chart:  # fmt: skip
    """A funnel plot: each unit's rate against its n, with the 95 % and 99.8 % control limits
    around the overall rate (from ``metric_comparison``) drawn through the published units.

    ``points`` has ``n``, ``raw_rate``, ``overall_rate`` and the four ``funnel_*`` columns. A
    unit outside the 99.8 % limits differs from the overall rate by more than chance would
    explain; one inside them does not, however far down a league table it would sit.
    ``highlight`` names the one unit to draw in colour (a partnership's own).
    """
    data = points.sort_values("n")
    limits = data.melt(
        id_vars=["n"],
        value_vars=["funnel_low_95", "funnel_high_95", "funnel_low_998", "funnel_high_998"],
        var_name="limit",
        value_name="rate",
    )
    limits["band"] = limits["limit"].map(lambda c: "99.8 %" if c.endswith("998") else "95 %")
    limits["side"] = limits["limit"].map(lambda c: "low" if "low" in c else "high")
    x = alt.X("n:Q", title=n_title, scale=alt.Scale(zero=False))
    lines = (
        alt.Chart(limits)
        .mark_line(interpolate="monotone", strokeDash=[4, 3])
        .encode(x=x, y=alt.Y("rate:Q", title=value_title, axis=alt.Axis(format=".0%")),
                color=alt.Color("band:N", title=None,
                                scale=alt.Scale(range=["#999999", "#444444"])),
                detail="side:N")
    )  # fmt: skip
    overall = alt.Chart(data).mark_rule(color="#888").encode(y="mean(overall_rate):Q")
    colour = (
        alt.condition(alt.datum[label_column] == highlight, alt.value("#d62728"),
                      alt.value("#1f77b4"))
        if highlight else alt.value("#1f77b4")
    )  # fmt: skip
    dots = (
        alt.Chart(data)
        .mark_circle(size=90, opacity=0.9)
        .encode(x=x, y="raw_rate:Q", color=colour,
                tooltip=[alt.Tooltip(f"{label_column}:N"), alt.Tooltip("n:Q"),
                         alt.Tooltip("raw_rate:Q", format=".1%")])
    )  # fmt: skip
    return (lines + overall + dots).properties(height=360)


def trend_chart(values: pd.DataFrame, unit: str, value_title: str, target: float | None = None):
    """Value per period with its interval as a band, and the target as a horizontal rule."""
    axis_format = ".0%" if unit.startswith("share") else ",.0f"
    x = alt.X("period_label:N", title=None, sort=None)
    band = alt.Chart(values).mark_area(opacity=0.2).encode(x=x, y="ci_low:Q", y2="ci_high:Q")
    line = alt.Chart(values).mark_line(point=True).encode(
        x=x, y=alt.Y("value:Q", title=value_title, axis=alt.Axis(format=axis_format)),
        tooltip=["period_label", "n", alt.Tooltip("value:Q", format=axis_format)],
    )  # fmt: skip
    chart = band + line
    if target is not None:
        chart += (
            alt.Chart(pd.DataFrame({"target": [target]}))
            .mark_rule(color="#d62728", strokeDash=[6, 3])
            .encode(y="target:Q")
        )
    return chart.properties(height=280)


def journey_charts(attendance: pd.DataFrame, progression: pd.DataFrame, titles: dict[str, str]):
    """One participant: attended and planned hours per month, and each construct's score (0-100)
    at every assessment, like ViVirk'R's per-participant progression figure."""
    hours = attendance.melt(id_vars=["attendance_month"], value_vars=["planned_hours",
                            "attended_hours"], var_name="kind", value_name="hours")  # fmt: skip
    hours["kind"] = hours["kind"].map({"planned_hours": titles["planned"],
                                       "attended_hours": titles["attended"]})  # fmt: skip
    attendance_chart = (
        alt.Chart(hours)
        .mark_bar(opacity=0.8)
        .encode(x=alt.X("yearmonth(attendance_month):T", title=titles["month"]),
                xOffset="kind:N", y=alt.Y("hours:Q", title=titles["hours"]),
                color=alt.Color("kind:N", title=None), tooltip=["attendance_month", "kind",
                                                               "hours"])
        .properties(height=240)
    )  # fmt: skip
    progression_chart = (
        alt.Chart(progression)
        .mark_line(point=True)
        .encode(x=alt.X("assessed_on:T", title=titles["assessed_on"]),
                y=alt.Y("score_0_100:Q", title=titles["score"], scale=alt.Scale(domain=[0, 100])),
                color=alt.Color("construct:N", title=titles["construct"]),
                tooltip=["construct", "assessed_on", alt.Tooltip("score_0_100:Q", format=".0f")])
        .properties(height=280)
    )  # fmt: skip
    return attendance_chart, progression_chart
