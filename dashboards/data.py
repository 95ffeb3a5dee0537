"""The one module through which dashboard pages read data.

Pages never see file paths or connections. They ask for the current snapshot of their audience
and run queries that name snapshot tables (``{metric_values}``); this module resolves those to
the Parquet files of exactly one published version and runs them on an in-memory DuckDB
connection that can read nothing outside the serving folder.

Why snapshots and not the warehouse: DuckDB allows one writing process or many readers, never
both, so a dashboard reading the warehouse would make pipeline runs fail. A snapshot version is
immutable once published; a new one is swapped in atomically by ``publish``, and the next page
run picks it up because the version is part of every cache key.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from pipelines.publish.snapshot import SNAPSHOT_META
from pipelines.settings import Settings


@dataclass(frozen=True)
class Snapshot:
    audience: str
    version: str
    path: Path
    meta: dict

    @property
    def data_as_of(self) -> str:
        return self.meta["data_as_of"]

    @property
    def published_at(self) -> str:
        return self.meta["published_at"]


def serving_dir() -> Path:
    return Settings.from_env().serving_dir


def current_snapshot(audience: str) -> Snapshot | None:
    """The snapshot currently published for ``audience``, or None if there is none yet."""
    root = serving_dir()
    link = root / audience
    try:
        path = Path(os.path.realpath(link))
        meta = json.loads((path / SNAPSHOT_META).read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError, json.JSONDecodeError):
        return None
    if not path.is_relative_to(root.resolve()):
        return None
    return Snapshot(audience=audience, version=meta["version"], path=path, meta=meta)


@st.cache_resource(max_entries=64)
def _connection(allowed_dir: str) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB that may read files under ``allowed_dir`` (one snapshot version of
    one audience) and nothing else: a query naming another audience's file fails."""
    con = duckdb.connect(":memory:")
    con.execute(f"set allowed_directories = ['{allowed_dir.rstrip('/')}/']").fetchall()
    con.execute("set enable_external_access = false").fetchall()
    con.execute("set lock_configuration = true").fetchall()
    return con


def _resolve(sql: str, snapshot_path: Path) -> str:
    """Replace ``{table}`` placeholders by the Parquet files of one snapshot version."""
    tables = {p.stem: f"read_parquet('{p.as_posix()}')" for p in snapshot_path.glob("*.parquet")}
    return sql.format(**tables)


@st.cache_data(show_spinner=False, max_entries=256)
def _query(sql: str, params: tuple, version: str, snapshot_path: str) -> pd.DataFrame:
    # `version` is not read here: it is part of the cache key, so a new snapshot is a cache miss
    cursor = _connection(snapshot_path).cursor()
    try:
        return cursor.execute(_resolve(sql, Path(snapshot_path)), list(params)).df()
    finally:
        cursor.close()


def query(snapshot: Snapshot, sql: str, params: tuple = ()) -> pd.DataFrame:
    """Run ``sql`` (snapshot tables written as ``{table}``) against one snapshot version."""
    return _query(sql, tuple(params), snapshot.version, str(snapshot.path))
