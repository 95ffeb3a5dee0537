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


def test_a_missing_number_of_any_kind_reads_as_a_dash():
    """A suppressed criterion's n arrives as pandas' NA (a nullable integer column): the funder
    page crashed on it ("boolean value of NA is ambiguous")."""
    for missing in (None, float("nan"), pd.NA, pd.NaT):
        for unit in ("count", "days", "share", "points"):
            for lang in ("da", "en"):
                assert format_value(missing, unit, lang) == "–"


def test_every_criterion_sentence_renders_with_hidden_or_missing_numbers():
    """Every status x value shown or hidden x n null, 0, 1 or large, in both languages."""
    from dashboards.narrative import criterion_sentence

    statuses = ["met", "not_met", "on_track", "behind", "too_early_to_tell", "insufficient_data"]
    rows = pd.DataFrame(
        [
            dict(
                status=s,
                value=v,
                ci_low=v,
                ci_high=v,
                n=n,
                target=0.5,
                comparator=">=",
                due_date=pd.Timestamp("2025-12-31"),
                as_of_date=pd.Timestamp("2025-06-30"),
            )
            for s in statuses
            for v in (None, 0.4)
            for n in (None, 0, 1, 12345)
        ]
    )
    rows = rows.astype(
        {"n": "Int64", "value": "Float64", "ci_low": "Float64", "ci_high": "Float64"}
    )
    for row in rows.itertuples(index=False):
        for lang in ("da", "en"):
            with_lang = criterion_sentence(pd.Series(row._asdict()), "share", lang)
            assert isinstance(with_lang, str) and with_lang
