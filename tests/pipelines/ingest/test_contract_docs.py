"""The partner page shows the contract as declared, and the contract's blank rules hold."""

from __future__ import annotations

import duckdb

from pipelines.ingest.contract_docs import DOC, updated
from pipelines.ingest.deliveries import Ingestor
from pipelines.ingest.partners import load_partner_systems
from pipelines.settings import PARTNERS_DIR


def test_partner_page_contract_tables_are_generated_from_the_contract():
    text = DOC.read_text(encoding="utf-8")
    assert text == updated(text), (
        "docs/partners.md is stale: run python -m pipelines.ingest.contract_docs"
    )
    for rule in ("invalid_cpr", "duplicate_key", "unparseable_line", "date_out_of_range"):
        assert f"`{rule}`" in text  # every quarantine rule is explained to stewards


def _deliver_participants(tmp_path, text: str):
    """One canonical participants file from the demo's vejen_aadal, ingested for real."""
    folder = tmp_path / "drop" / "vejen_aadal"
    folder.mkdir(parents=True)
    (folder / "participants.csv").write_text(text, encoding="utf-8")
    con = duckdb.connect()
    con.execute("attach ? as wh", [str(tmp_path / "wh.duckdb")]).fetchall()
    systems = load_partner_systems(PARTNERS_DIR)
    ingestor = Ingestor(con, tmp_path / "drop", tmp_path / "landing", systems, b"p")
    [record] = ingestor.run(("files",)).delivered
    return con, record


def test_gender_may_be_blank_but_consent_may_not(tmp_path):
    con, record = _deliver_participants(
        tmp_path, "person_id,birth_year,gender,consent\nV1,2001,,true\nV2,2002,F,\n"
    )
    rules = con.execute("select contract_column, rule from wh.raw.quarantine").fetchall()
    con.close()
    assert (record.rows_loaded, record.rows_quarantined) == (1, 1)
    assert rules == [("consent", "missing_value")]


def test_landing_zone_is_private_and_purged_after_retention(tmp_path):
    from pipelines.ingest.deliveries import purge_landing

    text = "person_id,birth_year,gender,consent\nV1,2001,F,true\n"
    con, record = _deliver_participants(tmp_path, text)
    landing = tmp_path / "landing"
    original = landing / record.landed_path
    assert original.read_text(encoding="utf-8") == text
    assert landing.stat().st_mode & 0o077 == 0 and original.stat().st_mode & 0o077 == 0
    assert purge_landing(con, landing, retention_days=30) == 0 and original.exists()
    con.execute("update wh.raw.deliveries set received_at = received_at - interval 31 days")
    assert purge_landing(con, landing, retention_days=30) == 1
    assert not original.exists()
    assert con.execute("select landed_path from wh.raw.deliveries").fetchall() == [(None,)]
    con.close()
