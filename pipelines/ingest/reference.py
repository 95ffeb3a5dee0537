"""Reference data the contract checks need (codes, instruments, partnerships), read from the dbt
seeds: the one place a network's analyst edits them, so ingestion and dbt always agree."""

from __future__ import annotations

import csv
from functools import cached_property
from pathlib import Path

import duckdb
import pyarrow as pa

from pipelines.settings import DBT_PROJECT_DIR

SEEDS = ("initiatives", "partnerships", "instruments", "outcome_codes")


class Reference:
    def __init__(self, seeds_dir: Path = DBT_PROJECT_DIR / "seeds"):
        self.seeds_dir = seeds_dir

    @cached_property
    def tables(self) -> dict[str, pa.Table]:
        out = {}
        for name in SEEDS:
            with (self.seeds_dir / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
                rows = list(csv.DictReader(fh))
            out[name] = pa.table({k: [r[k] for r in rows] for k in rows[0]})
        return out

    def codes(self, spec: str) -> tuple[str, ...]:
        """The distinct values of ``seed.column``, e.g. ``outcome_codes.outcome_code``."""
        seed, column = spec.split(".")
        return tuple(sorted(set(self.tables[seed].column(column).to_pylist())))

    def register(self, con: duckdb.DuckDBPyConnection) -> None:
        for name, table in self.tables.items():
            con.register(f"ref_{name}", table)

    def unregister(self, con: duckdb.DuckDBPyConnection) -> None:
        for name in self.tables:
            con.unregister(f"ref_{name}")
