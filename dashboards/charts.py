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
