"""Set-based loading of canonical files: lineage, pseudonyms only, failed files isolated."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines.ingest.load import load_entity
from pipelines.warehouse import WarehouseResource

PEPPER = b"unit-test-pepper"


@pytest.fixture
def warehouse(tmp_path: Path) -> WarehouseResource:
    return WarehouseResource(
        warehouse_path=str(tmp_path / "wh.duckdb"),
        drop_dir=str(tmp_path / "drop"),
        serving_dir=str(tmp_path / "serving"),
        pepper_file=str(tmp_path / "pepper"),
    )


def _write(drop: Path, partner: str, name: str, text: str) -> None:
    (drop / partner).mkdir(parents=True, exist_ok=True)
    (drop / partner / name).write_text(text, encoding="utf-8")


def test_loads_every_partner_with_lineage_and_no_raw_ids(warehouse):
    drop = Path(warehouse.drop_dir)
    _write(
        drop,
        "partner_a",
        "attendance.csv",
        "person_id,date,planned_hours,attended_hours,absence_reason,enrolment_id\n"
        "ZQX-1001,2024-01-02,6,6,,E1\nZQX-1001,2024-01-03,6,0,sick,E1\n",
    )
    _write(
        drop,
        "partner_b",
        "attendance.csv",
        # columns in another order, one optional column missing
        "date,person_id,attended_hours,planned_hours\n2024-01-02,010190-1234,3,4\n",
    )
    with warehouse.parsing_session() as session:
        report = load_entity(session, drop, "attendance", PEPPER)
    assert report.rows_loaded == 3 and not report.failed
    con = duckdb.connect(warehouse.warehouse_path, read_only=True)
    rows = con.sql(
        "select _partner, _delivery, _source_row, planned_hours, attended_hours, absence_reason,"
        " enrolment_id from raw.attendance order by _partner, _source_row"
    ).fetchall()
    assert rows == [
        ("partner_a", "partner_a/attendance.csv", 1, "6", "6", None, "E1"),
        ("partner_a", "partner_a/attendance.csv", 2, "6", "0", "sick", "E1"),
        ("partner_b", "partner_b/attendance.csv", 1, "4", "3", None, None),
    ]
    keys = con.sql("select distinct person_key from raw.attendance").fetchall()
    assert len(keys) == 2 and all(len(k) == 64 for (k,) in keys)
    con.close()
    raw = Path(warehouse.warehouse_path).read_bytes()
    for secret in (b"ZQX-1001", b"010190-1234", b"0101901234"):
        assert secret not in raw


def test_a_broken_delivery_does_not_stop_the_others(warehouse):
    drop = Path(warehouse.drop_dir)
    _write(drop, "good", "enrolments.csv",
           "enrolment_id,person_id,initiative_id,partnership_id,start_date\n"
           "E1,P1,LAERING,LAE-NORD,2024-01-01\n")  # fmt: skip
    _write(drop, "no_header", "enrolments.csv", "E1,P1,LAERING,LAE-NORD,2024-01-01\n")
    with warehouse.parsing_session() as session:
        report = load_entity(session, drop, "enrolments", PEPPER)
    assert report.rows_loaded == 1
    assert report.deliveries == ["good/enrolments.csv"]
    assert [f.delivery for f in report.failed] == ["no_header/enrolments.csv"]
    reason = report.failed[0].reason
    assert "missing from the header" in reason and "P1" not in reason


def test_reloading_replaces_rather_than_duplicates(warehouse):
    drop = Path(warehouse.drop_dir)
    _write(drop, "p", "outcomes.csv", "person_id,status,status_from\nX1,FLEX_JOB,2024-05-01\n")
    for _ in range(2):
        with warehouse.parsing_session() as session:
            load_entity(session, drop, "outcomes", PEPPER)
    con = duckdb.connect(warehouse.warehouse_path, read_only=True)
    assert con.sql("select count(*) from raw.outcomes").fetchall()[0][0] == 1
    con.close()


def test_an_invalid_cpr_is_counted_not_keyed(warehouse):
    drop = Path(warehouse.drop_dir)
    _write(
        drop, "p", "outcomes.csv", "person_id,status,status_from\n320190-1234,FLEX_JOB,2024-05-01\n"
    )
    with warehouse.parsing_session() as session:
        report = load_entity(session, drop, "outcomes", PEPPER)
    assert report.rows_loaded == 1 and report.rows_without_person_key == 1
