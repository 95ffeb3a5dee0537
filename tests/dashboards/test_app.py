"""The Streamlit app, run headless with AppTest on the published snapshots of a real run:
every page for every role, the denied states, sign-in, and the pages' real content."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboards.accounts import Account, create_demo_accounts
from pipelines.settings import REPO_ROOT

APP = str(REPO_ROOT / "dashboards" / "app.py")
VIEWS = REPO_ROOT / "dashboards" / "views"
NETWORK = Account("netvaerk", "network")
FUNDER = Account("funder1", "funder", "Fonden for Unges Fremtid")
PARTNERSHIP = Account("bro-ost", "partnership", "BRO-OST")
ADMIN = Account("admin", "admin")
ROLES = {"network": NETWORK, "funder": FUNDER, "partnership": PARTNERSHIP, "admin": ADMIN}
PAGES = {
    "network": ["network", "funder", "data_quality", "catalogue"],
    "funder": ["network", "funder", "catalogue"],
    "partnership": ["partnership", "data_quality", "catalogue"],
    "admin": ["network", "funder", "data_quality", "catalogue"],
}
DENIED = {
    "network": ["partnership"],
    "funder": ["partnership", "data_quality"],
    "partnership": ["network", "funder"],
    "admin": ["partnership"],
}


@pytest.fixture
def serving(pipeline_world, monkeypatch):
    monkeypatch.setenv("OUTCOMES_SERVING_DIR", str(pipeline_world.settings.serving_dir))
    return pipeline_world


def signed_in(account: Account, script: str = APP) -> AppTest:
    at = AppTest.from_file(script, default_timeout=60)
    at.session_state["account"] = account
    return at


@pytest.fixture
def app(serving):
    """The app as a network user (the network page is the default page)."""
    return signed_in(NETWORK)


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
        published = [name for name, text in shown.items() if text not in ("skjult", "<5")]
        assert len(published) >= 4  # the demo's initiatives are large enough to be shown
        for name in published:
            value = expected[name]
            text = (
                f"{value:.0f}"
                if metric_id == "enrolled"
                else f"{value * 100:.1f} %".replace(".", ",")
            )
            assert shown[name] == text
        assert len(at.get("vega_lite_chart")) >= 1
        # beside the comparison: what each initiative's data can bear
        notes = next(df.value for df in at.dataframe if "Hvad sammenligningen bygger på" in
                     df.value.columns)  # fmt: skip
        assert set(notes["Indsats"]) == set(expected)
        assert notes["Hvad sammenligningen bygger på"].str.contains("opfølgning").all()


def test_english_on_request(app):
    at = app.run()
    at.sidebar.radio(key="lang").set_value("en").run()
    assert at.title[0].value == "Initiatives side by side"
    assert at.caption[0].value.startswith("Data as of ")
    assert "Attendance rate" in at.selectbox(key="metric").options


def test_catalogue_page_lists_definitions_in_both_languages(app):
    at = app.run()
    at.switch_page("views/catalogue.py").run()
    assert not at.exception
    headers = [s.value for s in at.subheader]
    assert any("`attendance_rate`" in h for h in headers) and any(
        "`enrolled`" in h for h in headers
    )
    assert any(c.value.startswith("Attendance rate: ") for c in at.caption)


@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_renders_for_every_role(serving, role):
    """Each page the role may open renders real content without an exception (one session
    visiting them in turn, as a user does)."""
    at = signed_in(ROLES[role]).run()
    for page in PAGES[role]:
        at.switch_page(f"views/{page}.py").run()
        assert not at.exception, (role, page, at.exception)
        assert not at.error, (role, page, [e.value for e in at.error])
        assert at.title, (role, page)
        assert any(c.value.startswith("Data opgjort pr. ") for c in at.caption), (role, page)
        assert at.dataframe or at.markdown, (role, page)


@pytest.mark.parametrize("role", list(ROLES))
def test_pages_outside_a_role_are_neither_offered_nor_served(serving, role):
    """A page outside the role is not registered (so no link or URL reaches it), and its
    script run directly in the role's session shows the denied state, not data."""
    for page in DENIED[role]:
        at = signed_in(ROLES[role]).run()
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(f"views/{page}.py")
        direct = signed_in(ROLES[role], str(VIEWS / f"{page}.py")).run()
        assert not direct.exception
        assert [e.value for e in direct.error] == [
            "Din rolle giver ikke adgang til denne side. Vælg en af siderne i menuen."
        ]
        assert not direct.dataframe and not direct.get("download_button")


def test_a_partnership_asking_for_another_partnership_is_denied(serving):
    at = signed_in(PARTNERSHIP)
    at.query_params["partnership"] = "LAE-NORD"
    at.run()
    assert not at.exception
    assert "ikke til LAE-NORD" in at.error[0].value
    assert not at.dataframe


def test_sign_in_with_a_local_account(serving, tmp_path, monkeypatch):
    path = tmp_path / "accounts.json"
    monkeypatch.setenv("OUTCOMES_ACCOUNTS_FILE", str(path))
    passwords = create_demo_accounts(path)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert at.title[0].value == "Fælles resultatlager for ungeindsatser"
    at.text_input(key="username").input("bro-ost")
    at.text_input(key="password").input("wrong password")
    at.button[-1].click().run()
    assert at.error[0].value == "Forkert brugernavn eller adgangskode."
    at.text_input(key="password").input(passwords["bro-ost"])
    at.button[-1].click().run()
    assert not at.exception
    assert at.title[0].value == "Mit partnerskab"
    assert "BRO-OST" in at.sidebar.caption[0].value
    at.sidebar.button(key="sign_out").click().run()
    assert at.title[0].value == "Fælles resultatlager for ungeindsatser"


def test_funder_sees_its_scorecard_with_a_sentence_per_criterion(serving):
    at = signed_in(FUNDER).run()
    at.switch_page("views/funder.py").run()
    assert not at.exception
    scorecard = at.dataframe[0].value
    criteria = pd.read_csv(REPO_ROOT / "dbt" / "seeds" / "success_criteria.csv")
    mine = criteria[criteria.funder == FUNDER.scope]
    assert sorted(scorecard["Kriterium"]) == sorted(mine.description_da)
    assert scorecard["Forklaring"].str.len().gt(30).all()
    assert set(scorecard["Status"]) <= {"nået", "ikke nået", "for tidligt at sige", "for få data",
                                        "på rette spor", "bagud"}  # fmt: skip
    labels = [b.label for b in at.get("download_button")]
    assert {"Hent rapport (Excel)", "Hent rapport til udskrift (HTML)"} <= set(labels)


def test_partnership_finds_its_participant_by_its_own_id(serving, pipeline_world):
    enrolments = pd.read_parquet(pipeline_world.truth_dir / "enrolments.parquet")
    mine = enrolments[enrolments.partnership_id == PARTNERSHIP.scope]
    at = signed_in(PARTNERSHIP).run()
    assert not at.exception
    participants = next(df.value for df in at.dataframe if "Pseudonym" in df.value.columns)
    assert set(participants["Forløbs-ID"]) <= set(mine.enrolment_id)
    consenting = participants["Forløbs-ID"].iloc[0]
    person = mine.set_index("enrolment_id").loc[consenting]
    at.text_input(key="own_id").input(str(person.person_id)).run()
    assert not at.exception
    assert at.success[0].value.startswith("Fundet: P-")
    found = next(df.value for df in at.dataframe if "Pseudonym" in df.value.columns)
    assert consenting in set(found["Forløbs-ID"])
    at.text_input(key="own_id").input("NOT-AN-ID-OF-OURS").run()
    assert "Ingen af jeres deltagere" in at.warning[0].value


def test_no_snapshot_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("OUTCOMES_SERVING_DIR", str(tmp_path))
    at = signed_in(NETWORK).run()
    assert not at.exception
    assert "make demo" in at.info[0].value


def test_dashboard_connection_reads_only_its_own_snapshot(serving):
    from dashboards import data

    network = data.current_snapshot("network")
    partnership = data.current_snapshot("partnership-BRO-OST")
    assert network is not None and partnership is not None
    cursor = data._connection(str(network.path)).cursor()
    assert (
        cursor.execute(
            f"select count(*) from read_parquet('{network.path}/metric_values.parquet')"
        ).fetchall()[0][0]
        > 0
    )
    for forbidden in (f"{partnership.path}/own_participants.parquet", "/etc/passwd"):
        with pytest.raises(duckdb.Error, match=r"disabled by configuration|Permission"):
            cursor.execute(f"select * from read_csv('{forbidden}')").fetchall()
    with pytest.raises(duckdb.Error):
        cursor.execute(f"attach '{serving.settings.warehouse_path}' as wh").fetchall()
    with pytest.raises(duckdb.Error):
        cursor.execute("set enable_external_access = true").fetchall()


def test_every_metric_and_period_type_renders(app):
    from pipelines.demo.world import reference

    metric_ids = reference("metric_catalogue")["metric_id"].tolist()
    at = app.run()
    assert len(at.selectbox(key="metric").options) == len(metric_ids) >= 18
    for metric_id in metric_ids:
        for period_type in ("half_year", "quarter", "year", "cumulative"):
            # set both widgets, then rerun once
            at.selectbox(key="metric").set_value(metric_id)
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


def test_data_quality_page_shows_a_partnership_its_own_quarantine(serving):
    at = signed_in(Account("res-hoj", "partnership", "RES-HOJ")).run()
    at.switch_page("views/data_quality.py").run()
    assert not at.exception
    quarantined = next(df.value for df in at.dataframe if "Række" in df.value.columns)
    assert set(quarantined["Partner"]) == {"ressource_hojmark"}
    assert set(quarantined["Regel"]) == {"invalid_date", "invalid_cpr"}
    assert quarantined["Hvad skal rettes"].str.startswith("Række ").all()
    assert quarantined["Hvad skal rettes"].str.contains("ikke et gyldigt CPR-nummer").any()
    assert at.get("download_button")
    # a network user sees the reasons, never the row-level list
    network = signed_in(NETWORK).run()
    network.switch_page("views/data_quality.py").run()
    assert not any("Række" in df.value.columns for df in network.dataframe)
