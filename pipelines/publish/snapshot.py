"""Write an audience's serving snapshot and swap it into place atomically (DESIGN section 7).

A snapshot is a folder of Parquet files plus ``snapshot.json``, written under
``<serving>/versions/`` with a temporary name, renamed when complete, and then made current by
atomically replacing the symlink ``<serving>/<audience>``. Readers resolve the link once per
page run and read only files of that version, so they never see a half-written snapshot, never
take a lock that could block the pipeline, and pick up the next version on their next run.
Older versions are kept for a while so that a reader in the middle of a page run still finds
its files.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pandas as pd

from pipelines.warehouse import run

NETWORK = "network"
SNAPSHOT_META = "snapshot.json"
VERSIONS = "versions"


@dataclass(frozen=True)
class PublishedSnapshot:
    audience: str
    version: str
    path: Path
    data_as_of: date
    rows: dict[str, int]


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish_snapshot(
    warehouse_path: Path,
    serving_dir: Path,
    audience: str,
    tables: dict[str, str],
    frames: dict[str, pd.DataFrame] | None = None,
    keep: int = 3,
) -> PublishedSnapshot:
    """Export ``tables`` (queries on the warehouse, attached as ``wh``) and ``frames`` (tables
    computed in Python, e.g. after suppression) as a new ``audience`` snapshot, and make it
    current."""
    tables = dict(tables)
    version = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    versions_dir = serving_dir / VERSIONS
    versions_dir.mkdir(parents=True, exist_ok=True)
    tmp = versions_dir / f".{audience}-{version}.tmp"
    final = versions_dir / f"{audience}-{version}"
    tmp.mkdir()
    rows: dict[str, int] = {}
    con = duckdb.connect()
    try:
        run(con, "attach ? as wh (read_only)", [str(warehouse_path)])
        for name, frame in (frames or {}).items():
            con.register(f"frame_{name}", frame)
            tables[name] = f"select * from frame_{name}"
        for name, query in tables.items():
            target = tmp / f"{name}.parquet"
            # rows in one order, so the same data always writes the same file
            run(con, f"copy (select * from ({query}) order by all) to '{target}' (format parquet)")
            rows[name] = run(con, "select count(*) from read_parquet(?)", [str(target)])[0][0]
        as_of_date, latest = run(
            con, "select as_of_date, latest_data_date from wh.intermediate.int_as_of"
        )[0]
    finally:
        con.close()
    meta = {
        "audience": audience,
        "version": version,
        "published_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "data_as_of": as_of_date.isoformat(),
        "latest_data_date": latest.isoformat() if latest else None,
        "rows": rows,
    }
    (tmp / SNAPSHOT_META).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    for f in tmp.iterdir():
        with f.open("rb") as fh:
            os.fsync(fh.fileno())
    _fsync_dir(tmp)
    os.rename(tmp, final)
    link_tmp = serving_dir / f".{audience}.link-{version}"
    os.symlink(Path(VERSIONS) / final.name, link_tmp)
    os.replace(link_tmp, serving_dir / audience)
    _fsync_dir(serving_dir)
    _prune(versions_dir, audience, keep)
    return PublishedSnapshot(audience, version, final, as_of_date, rows)


def _prune(versions_dir: Path, audience: str, keep: int) -> None:
    """Remove all but the newest ``keep`` versions (and leftovers of interrupted publishes)."""
    done = sorted(p for p in versions_dir.glob(f"{audience}-*") if p.is_dir())
    for old in done[:-keep]:
        shutil.rmtree(old, ignore_errors=True)
    for leftover in versions_dir.glob(f".{audience}-*.tmp"):
        if leftover.stat().st_mtime < datetime.now().timestamp() - 3600:
            shutil.rmtree(leftover, ignore_errors=True)
