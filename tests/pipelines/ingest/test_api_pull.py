"""The REST API source against the bundled simulator: pages, token, incremental cursor,
supersession of changed records."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from pipelines.demo.partner_api import PartnerApiSimulator
from pipelines.ingest import api
from pipelines.ingest.deliveries import Ingestor
from pipelines.ingest.partners import ApiSource, load_partner_systems

CONFIG = """
partners: [mentor]
source: {kind: api, base_url: "http://127.0.0.1:1/{partner}", base_url_env: TEST_API_URL,
         token_env: TEST_API_TOKEN, page_size: 3, retries: 1, backoff_seconds: 0}
entities:
  outcomes:
    endpoint: statuses
    columns: {person_id: clientId, status: status, status_from: from}
"""


def _records(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


@pytest.fixture
def world(tmp_path, monkeypatch):
    api_dir = tmp_path / "api"
    (api_dir / "mentor").mkdir(parents=True)
    simulator = PartnerApiSimulator(api_dir, token="secret-token").start()
    monkeypatch.setenv("TEST_API_URL", simulator.url)
    monkeypatch.setenv("TEST_API_TOKEN", "secret-token")
    (tmp_path / "partners").mkdir()
    (tmp_path / "partners" / "mentor.yaml").write_text(CONFIG, encoding="utf-8")
    con = duckdb.connect()
    con.execute("attach ? as wh", [str(tmp_path / "wh.duckdb")]).fetchall()

    def pull():
        systems = load_partner_systems(tmp_path / "partners")
        ingestor = Ingestor(con, tmp_path / "drop", tmp_path / "landing", systems, b"pepper")
        return ingestor.run(("api",))

    yield api_dir / "mentor" / "statuses.jsonl", pull, con
    con.close()
    simulator.stop()


def _status(i: int, status: str, stamp: str) -> dict:
    return {"clientId": f"C{i}", "status": status, "from": "2024-05-01", "updated_at": stamp}


def test_pages_then_only_new_or_changed_records(world):
    path, pull, con = world
    _records(path, [_status(i, "ORDINARY_JOB", "2024-06-01T00:00:00Z") for i in range(7)])
    [first] = pull().delivered
    assert (first.status, first.rows_loaded, first.api_cursor) == (
        "loaded", 7, "2024-06-01T00:00:00Z")  # fmt: skip
    assert pull().delivered == []  # nothing changed since the cursor: no delivery at all

    # one record changes, one is new: the next pull fetches exactly those two
    records = [_status(i, "ORDINARY_JOB", "2024-06-01T00:00:00Z") for i in range(7)]
    records[3] = _status(3, "FLEX_JOB", "2024-07-01T00:00:00Z")
    records.append(_status(7, "DROPOUT", "2024-07-02T00:00:00Z"))
    _records(path, records)
    [second] = pull().delivered
    assert (second.rows_read, second.api_cursor) == (2, "2024-07-02T00:00:00Z")
    # history stays queryable in raw; the changed record has a later delivery
    rows = con.execute(
        "select status, _delivery_seq from wh.raw.outcomes order by _delivery_seq, status"
    ).fetchall()
    assert len(rows) == 9 and rows[-2:] == [("DROPOUT", 2), ("FLEX_JOB", 2)]


def test_a_refused_token_is_a_clear_failure(world, monkeypatch):
    path, pull, _ = world
    _records(path, [_status(1, "ORDINARY_JOB", "2024-06-01T00:00:00Z")])
    monkeypatch.setenv("TEST_API_TOKEN", "wrong")
    [record] = pull().delivered
    assert record.status == "failed" and "token was refused" in record.error
    monkeypatch.delenv("TEST_API_TOKEN")
    [record] = pull().delivered
    assert "set the environment variable TEST_API_TOKEN" in record.error


def test_retries_back_off_then_give_up(tmp_path, monkeypatch):
    """Against a port nobody listens on: every attempt fails, the error says how many."""
    source = ApiSource(kind="api", base_url="http://127.0.0.1:9/{partner}", token_env="T",
                       retries=2, backoff_seconds=0, timeout_seconds=0.5)  # fmt: skip
    monkeypatch.setenv("T", "x")
    with pytest.raises(api.ApiPullError, match="still failing after 3 attempts"):
        api.pull(source, "p", "statuses", None)
