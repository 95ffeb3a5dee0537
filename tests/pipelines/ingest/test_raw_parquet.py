"""The raw Parquet mirror (what a Spark run reads) follows the raw tables: new deliveries add a
file each, a delivery that left raw loses its file, a changed delivery is rewritten, and every
table can be read even before its first delivery."""

from __future__ import annotations

import duckdb
import pytest

from pipelines.ingest.contract import ENTITIES
from pipelines.ingest.deliveries import ensure_raw_tables, raw_columns
from pipelines.ingest.raw_parquet import SCHEMA_FILE, mirror_raw_parquet
from pipelines.warehouse import run


@pytest.fixture
def session(tmp_path):
    con = duckdb.connect()
    run(con, "attach ? as wh", [str(tmp_path / "warehouse.duckdb")])
    ensure_raw_tables(con)
    yield con
    con.close()


def _add_attendance(con, seq: int, rows: int) -> None:
    columns = raw_columns(ENTITIES["attendance"])
    values = {c: None for c in columns}
    for i in range(rows):
        row = values | {"person_key": f"k{i}", "date": "2025-01-0" + str(1 + i % 9),
                        "_partner": "p", "_delivery": f"p/attendance/{seq}", "_source_row": i,
                        "_delivery_seq": seq}  # fmt: skip
        placeholders = ", ".join("?" for _ in columns)
        run(
            con, f"insert into wh.raw.attendance values ({placeholders})", [row[c] for c in columns]
        )


def _read(folder) -> duckdb.DuckDBPyRelation:
    return duckdb.sql(f"select * from read_parquet('{folder}/*.parquet', union_by_name=true)")


def _count(folder) -> int:
    return duckdb.sql(f"select count(*) from read_parquet('{folder}/*.parquet')").fetchall()[0][0]


def test_every_table_is_readable_before_any_delivery(session, tmp_path):
    written = mirror_raw_parquet(session, tmp_path / "mirror")
    for name in [*ENTITIES, "deliveries", "quarantine"]:
        folder = tmp_path / "mirror" / name
        assert any(folder.glob("*.parquet")), name
        assert _read(folder).fetchall() == []
    assert (tmp_path / "mirror" / "attendance" / SCHEMA_FILE).exists()
    assert written["attendance"] == 0
    columns = _read(tmp_path / "mirror" / "attendance").columns
    assert columns == raw_columns(ENTITIES["attendance"])


def test_only_new_or_changed_deliveries_are_written(session, tmp_path):
    out = tmp_path / "mirror"
    _add_attendance(session, 1, 3)
    _add_attendance(session, 2, 2)
    assert mirror_raw_parquet(session, out)["attendance"] == 2
    assert _count(out / "attendance") == 5

    _add_attendance(session, 3, 4)
    assert mirror_raw_parquet(session, out)["attendance"] == 1  # only the new delivery
    assert _count(out / "attendance") == 9

    # a raw table rebuilt: delivery 2 gone, delivery 1 with other rows
    run(session, "delete from wh.raw.attendance where _delivery_seq in (1, 2)")
    _add_attendance(session, 1, 1)
    assert mirror_raw_parquet(session, out)["attendance"] == 1
    assert not (out / "attendance" / "000000000002.parquet").exists()
    assert _count(out / "attendance") == 5
    assert not list((out / "attendance").glob(".*partial"))
