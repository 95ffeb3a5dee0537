"""The raw tables mirrored as Parquet, so another engine (dbt on Spark) reads the same canonical,
pseudonymised rows without opening DuckDB.

Entity tables get one file per delivery, named by its delivery sequence number, so a run writes
only the deliveries that are new (the cost follows new data, like ingestion itself); a delivery
whose row count no longer matches (a raw table rebuilt from the drop folders) is written again,
and one that left raw is removed. Every entity folder also holds ``000000000000.parquet``, the
schema with no rows, so a table with no deliveries yet still has columns. The small
``deliveries`` and ``quarantine`` tables are written whole, as ``data.parquet``. Files are
written under a hidden name and renamed, so a reader never sees half a file. Spark skips names
starting with ``_`` or ``.``, which is where the bookkeeping lives.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from pipelines.ingest.contract import ENTITIES
from pipelines.ingest.sql import lit
from pipelines.warehouse import run

SCHEMA_FILE = "000000000000.parquet"
WHOLE_TABLES = ("deliveries", "quarantine")
COUNTS_FILE = "_delivery_rows.json"


def _copy(con: duckdb.DuckDBPyConnection, query: str, target: Path) -> None:
    """Write ``query`` to ``target`` atomically (hidden temporary name, then rename)."""
    partial = target.with_name(f".{target.name}.partial")
    run(con, f"copy ({query}) to {lit(str(partial))} (format parquet, compression zstd)")
    partial.replace(target)


def _delivery_file(folder: Path, seq: str) -> Path:
    return folder / f"{int(seq):012d}.parquet"


def mirror_raw_parquet(con: duckdb.DuckDBPyConnection, out_dir: Path) -> dict[str, int]:
    """Bring ``out_dir/<table>/`` in line with ``wh.raw.<table>``; returns files written."""
    written: dict[str, int] = {}
    for entity in ENTITIES:
        folder = out_dir / entity
        folder.mkdir(parents=True, exist_ok=True)
        table = f"wh.raw.{entity}"
        _copy(con, f"select * from {table} limit 0", folder / SCHEMA_FILE)
        counts_path = folder / COUNTS_FILE
        known = json.loads(counts_path.read_text()) if counts_path.exists() else {}
        current = {
            str(seq): rows
            for seq, rows in run(
                con, f"select _delivery_seq, count(*) from {table} group by _delivery_seq"
            )
        }
        stale = [seq for seq, rows in current.items() if known.get(seq) != rows]
        for seq in stale:
            query = f"select * from {table} where _delivery_seq = {int(seq)}"
            _copy(con, query, _delivery_file(folder, seq))
        for seq in set(known) - set(current):
            _delivery_file(folder, seq).unlink(missing_ok=True)
        counts_path.write_text(json.dumps(current, sort_keys=True))
        written[entity] = len(stale)
    for name in WHOLE_TABLES:
        folder = out_dir / name
        folder.mkdir(parents=True, exist_ok=True)
        _copy(con, f"select * from wh.raw.{name}", folder / "data.parquet")
        written[name] = 1
    return written
