"""The warehouse DuckDB file, and the one way pipeline code opens it.

Only pipeline runs open the warehouse, always read-write and one writer at a time (all writer
assets share the ``warehouse_writer`` pool of size 1). Dashboards never open it: they read the
snapshots that ``publish`` writes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import dagster as dg
import duckdb

WAREHOUSE_POOL = "warehouse_writer"
# DuckDB spills to disk past this much memory; dbt's profile reads the same variable
MEMORY_LIMIT_ENV = "DUCKDB_MEMORY_LIMIT"


def session(warehouse_path: str | Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB session under the memory limit the environment sets, if any.

    It spills beside the warehouse (``<warehouse>.tmp``, where DuckDB spills for the file
    itself), not into ``.tmp`` of whatever folder the process runs in -- a folder nobody
    expects data in, which a clean-up could delete under a running ingestion."""
    config = {"temp_directory": f"{warehouse_path}.tmp"}
    if limit := os.environ.get(MEMORY_LIMIT_ENV):
        config["memory_limit"] = limit
    return duckdb.connect(config=config)


class WarehouseResource(dg.ConfigurableResource):
    """The warehouse file plus the folders the pipeline reads from and publishes to."""

    warehouse_path: str
    drop_dir: str
    landing_dir: str
    landing_retention_days: int = 730
    partners_dir: str
    serving_dir: str
    pepper_file: str
    # the raw tables mirrored as Parquet for other engines (Spark); empty: no mirror
    raw_parquet_dir: str = ""

    def parsing_session(self) -> AbstractContextManager[duckdb.DuckDBPyConnection]:
        """An in-memory session with this warehouse attached as ``wh``."""
        return parsing_session(self.warehouse_path)


@contextmanager
def parsing_session(warehouse_path: str | Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory session with the warehouse attached as ``wh``.

    Delivery files are parsed and pseudonymised in the in-memory database; only rows whose
    person IDs have been replaced by pseudonyms are written into ``wh``.
    """
    Path(warehouse_path).parent.mkdir(parents=True, exist_ok=True)
    con = session(warehouse_path)
    try:
        run(con, "attach ? as wh", [str(warehouse_path)])
        yield con
    finally:
        con.close()


def run(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[tuple]:
    """Execute one statement and drain its result.

    DuckDB 2.0 refuses new work on a connection while an earlier result is unfetched, so every
    statement goes through here (or ``scalar``) rather than a bare ``execute``.
    """
    return con.execute(sql, params or []).fetchall()


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None):
    """The single value a query returns (or None)."""
    rows = run(con, sql, params)
    return rows[0][0] if rows else None
