"""Pure pieces of the dashboards: formatting, formula neutralisation, chart building."""

from __future__ import annotations

import pandas as pd

from dashboards.charts import interval_chart
from dashboards.exports import csv_bytes, neutralise_formulas
from dashboards.i18n import TEXT, format_value


def test_formula_injection_is_neutralised_in_text_only():
    frame = pd.DataFrame(
        {"name": ['=HYPERLINK("x")', "+1", "@SUM(A1)", "-2", "ok"], "v": [-1.5, 2, 3, 4, 5]}
    )
    safe = neutralise_formulas(frame)
    assert safe["name"].tolist() == ['\'=HYPERLINK("x")', "'+1", "'@SUM(A1)", "'-2", "ok"]
    assert safe["v"].tolist() == [-1.5, 2, 3, 4, 5]
    assert csv_bytes(frame).decode("utf-8-sig").splitlines()[1].startswith("\"'=HYPERLINK")


def test_values_read_the_danish_or_english_way():
    assert format_value(0.8271, "share of hours", "da") == "82,7 %"
    assert format_value(0.8271, "share of hours", "en") == "82.7%"
    assert format_value(1234, "count", "da") == "1.234"
    assert format_value(1234, "count", "en") == "1,234"
    assert format_value(float("nan"), "count", "en") == "–"


def test_every_text_exists_in_both_languages():
    for key, texts in TEXT.items():
        assert set(texts) == {"da", "en"} and all(texts.values()), key


def test_interval_chart_orders_by_value_and_draws_intervals():
    values = pd.DataFrame(
        {"name": ["A", "B", "C"], "value": [0.5, 0.9, 0.7], "ci_low": [0.4, 0.8, 0.6],
         "ci_high": [0.6, 0.95, 0.8], "n": [10, 20, 30]}
    )  # fmt: skip
    spec = interval_chart(values, "name", "share", "Rate", "Initiative").to_dict()
    layers = spec["layer"]
    assert [layer["mark"]["type"] for layer in layers] == ["rule", "point"]
    assert layers[0]["encoding"]["x2"]["field"] == "ci_high"
    assert all(layer["encoding"]["y"]["sort"] == ["B", "C", "A"] for layer in layers)
