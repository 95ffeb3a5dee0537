"""The Streamlit app, run headless with AppTest on the published snapshot of a real run."""

from __future__ import annotations

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from pipelines.settings import REPO_ROOT

APP = str(REPO_ROOT / "dashboards" / "app.py")


@pytest.fixture
def app(pipeline_world, monkeypatch):
    monkeypatch.setenv("OUTCOMES_SERVING_DIR", str(pipeline_world.settings.serving_dir))
    return AppTest.from_file(APP, default_timeout=60)


def _expected(pipeline_world, metric_id: str) -> dict[str, float]:
    con = duckdb.connect(str(pipeline_world.settings.warehouse_path), read_only=True)
    try:
        rows = con.sql(
            "select i.initiative_name, m.value from marts.metric_values m "
            "join marts.dim_initiative i using (initiative_id) "
            "where metric_id = ? and partnership_id = 'ALL' and subgroup_type = 'all' "
            "and population = 'all' and period_type = 'half_year' and period_label = "
            "(select max(period_label) from marts.metric_values "
            " where metric_id = ? and period_type = 'half_year')",
            params=[metric_id, metric_id],
        ).fetchall()
    finally:
        con.close()
    return dict(rows)


def test_network_page_shows_both_metrics_in_danish(app, pipeline_world):
    at = app.run()
    assert not at.exception
    assert at.title[0].value == "Indsatser side om side"
    assert at.caption[0].value.startswith("Data opgjort pr. ")
    assert {"Fremmøde", "Indskrevne", "Job eller uddannelse ved afslutning"} <= set(
        at.selectbox(key="metric").options
    )
    for metric_id in ("attendance_rate", "enrolled"):
        at.selectbox(key="metric").set_value(metric_id).run()
        table = at.dataframe[0].value
        expected = _expected(pipeline_world, metric_id)
        assert set(table["Indsats"]) == set(expected)
        shown = dict(zip(table["Indsats"], table["Værdi"], strict=True))
        for name, value in expected.items():
            text = (
                f"{value:.0f}"
                if metric_id == "enrolled"
                else f"{value * 100:.1f} %".replace(".", ",")
            )
            assert shown[name] == text
        assert len(at.get("vega_lite_chart")) == 1


def test_english_on_request(app):
    at = app.run()
    at.sidebar.radio(key="lang").set_value("en").run()
    assert at.title[0].value == "Initiatives side by side"
    assert at.caption[0].value.startswith("Data as of ")
    assert "Attendance rate" in at.selectbox(key="metric").options


def test_catalogue_page_lists_definitions(app):
    at = app.run()
    at.switch_page("views/catalogue.py").run()
    assert not at.exception
    headers = [s.value for s in at.subheader]
    assert any("`attendance_rate`" in h for h in headers) and any(
        "`enrolled`" in h for h in headers
    )


def test_no_snapshot_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("OUTCOMES_SERVING_DIR", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "make demo" in at.info[0].value


def test_dashboard_connection_cannot_read_outside_the_serving_folder(pipeline_world, monkeypatch):
    monkeypatch.setenv("OUTCOMES_SERVING_DIR", str(pipeline_world.settings.serving_dir))
    from dashboards import data

    snapshot = data.current_snapshot()
    assert snapshot is not None
    con = data._connection(str(pipeline_world.settings.serving_dir.resolve()))
    cursor = con.cursor()
    with pytest.raises(duckdb.Error, match=r"disabled by configuration|Permission"):
        cursor.execute("select * from read_csv('/etc/passwd')").fetchall()
    with pytest.raises(duckdb.Error):
        cursor.execute(f"attach '{pipeline_world.settings.warehouse_path}' as wh").fetchall()
    with pytest.raises(duckdb.Error):
        cursor.execute("set enable_external_access = true").fetchall()


def test_every_metric_and_period_type_renders(app):
    from pipelines.demo.world import reference

    metric_ids = reference("metric_catalogue")["metric_id"].tolist()
    at = app.run()
    assert len(at.selectbox(key="metric").options) == len(metric_ids) >= 18
    for metric_id in metric_ids:
        for period_type in ("half_year", "quarter", "year", "cumulative"):
            at.selectbox(key="metric").set_value(metric_id).run()
            at.selectbox(key="period_type").set_value(period_type).run()
            assert not at.exception, (metric_id, period_type, at.exception)
            assert at.dataframe or at.info, (metric_id, period_type)


def _warehouse_scalar(pipeline_world, sql: str, params: list | None = None):
    con = duckdb.connect(str(pipeline_world.settings.warehouse_path), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()[0][0]
    finally:
        con.close()


def test_data_quality_page_shows_deliveries_reasons_and_freshness(app, pipeline_world):
    at = app.run()
    at.switch_page("views/data_quality.py").run()
    assert not at.exception
    assert at.title[0].value == "Datakvalitet"
    assert at.subheader[0].value == "Leverancer"
    read = _warehouse_scalar(pipeline_world, "select sum(rows_read) from raw.deliveries")
    assert f"{read:,} rækker læst".replace(",", ".") in at.markdown[1].value
    reasons = next(df.value for df in at.dataframe if "Eksempel" in df.value.columns)
    # the demo's defects, each under its own rule
    assert {"invalid_date", "invalid_cpr", "unknown_code", "score_out_of_range",
            "duplicate_key"} <= set(reasons["Regel"])  # fmt: skip
    freshness = next(df.value for df in at.dataframe if "Forældet" in df.value.columns)
    assert len(freshness) == 13 * 5  # every partner system and entity, delivered or not


def test_data_quality_page_filters_to_one_partner_and_offers_its_quarantine(app):
    at = app.run()
    at.switch_page("views/data_quality.py").run()
    at.selectbox(key="dq_partner").set_value("ressource_hojmark").run()
    assert not at.exception
    quarantined = next(df.value for df in at.dataframe if "Række" in df.value.columns)
    assert set(quarantined["Partner"]) == {"ressource_hojmark"}
    assert set(quarantined["Regel"]) == {"invalid_date", "invalid_cpr"}
    assert quarantined["Hvad skal rettes"].str.startswith("Række ").all()
    assert quarantined["Hvad skal rettes"].str.contains("ikke et gyldigt CPR-nummer").any()
    assert at.get("download_button")
