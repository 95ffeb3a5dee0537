"""Privacy by construction: nothing a demo run writes -- warehouse, serving snapshot, logs,
Dagster events -- holds a CPR-shaped string or a raw partner person ID."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipelines.ingest.pseudonymise import normalise_cpr
from pipelines.settings import DBT_PROJECT_DIR

pytestmark = pytest.mark.integration

# a CPR number with or without dash, not part of a longer word or number (e.g. a hex pseudonym)
CPR_SHAPED = r"(?<![0-9A-Za-z.])\d{6}-?\d{4}(?![0-9A-Za-z])"
CPR_SHAPED_RE2 = r"(^|[^0-9A-Za-z])\d{6}-?\d{4}([^0-9A-Za-z]|$)"  # DuckDB: no lookbehind


@pytest.fixture(scope="module")
def raw_ids(pipeline_world) -> set[str]:
    p = pd.read_parquet(pipeline_world.truth_dir / "participants.parquet")
    return set(p["person_id"]) | set(p["cpr"]) | {c.replace("-", "") for c in p["cpr"]}


def _string_columns(con, relation_sql: str) -> list[str]:
    cur = con.execute(f"describe select * from {relation_sql}")
    return [name for name, kind, *_ in cur.fetchall() if kind == "VARCHAR"]


def _scan_relation(con, relation_sql: str, ids: list[str]) -> list[str]:
    hits = []
    con.execute("create or replace temp table _ids as select unnest(?::varchar[]) as id", [ids])
    for column in _string_columns(con, relation_sql):
        col = f'"{column}"'
        cpr, raw = con.execute(
            f"""select count(*) filter (where regexp_matches({col}, '{CPR_SHAPED_RE2}')),
                       count(*) filter (where {col} in (select id from _ids))
                from {relation_sql}"""
        ).fetchall()[0]
        if cpr or raw:
            hits.append(f"{relation_sql}.{column}: {cpr} CPR-shaped, {raw} raw IDs")
    return hits


def test_no_cpr_or_raw_id_in_any_duckdb_file(pipeline_world, raw_ids):
    files = list(pipeline_world.root.rglob("*.duckdb"))
    assert pipeline_world.settings.warehouse_path in files
    hits = []
    for path in files:
        con = duckdb.connect(str(path), read_only=True)
        try:
            tables = con.execute(
                "select table_schema, table_name from information_schema.tables"
            ).fetchall()
            for schema, table in tables:
                hits += [f"{path.name}:{h}" for h in
                         _scan_relation(con, f'"{schema}"."{table}"', sorted(raw_ids))]  # fmt: skip
        finally:
            con.close()
    assert len(tables) > 30
    assert hits == []


def test_no_cpr_or_raw_id_in_the_serving_snapshot(pipeline_world, raw_ids):
    files = list(pipeline_world.settings.serving_dir.rglob("*.parquet"))
    assert files
    con = duckdb.connect()
    hits = []
    for path in files:
        hits += _scan_relation(con, f"read_parquet('{path}')", sorted(raw_ids))
    assert hits == []


def _text_files(pipeline_world) -> list[Path]:
    files = [pipeline_world.root / "dagster-events.jsonl"]
    files += [p for p in (pipeline_world.root / "logs").rglob("*") if p.is_file()] if (
        pipeline_world.root / "logs").is_dir() else []  # fmt: skip
    files += list((DBT_PROJECT_DIR / "logs").glob("*.log"))
    files += list((DBT_PROJECT_DIR / "target").rglob("dbt.log"))
    files += list(pipeline_world.settings.serving_dir.rglob("*.json"))
    return [f for f in files if f.is_file()]


def test_no_cpr_or_raw_id_in_logs_or_dagster_events(pipeline_world, raw_ids):
    files = _text_files(pipeline_world)
    events = (pipeline_world.root / "dagster-events.jsonl").read_text(encoding="utf-8")
    assert "ASSET_CHECK_EVALUATION" in events and "contract_suite" in events
    pattern = re.compile(CPR_SHAPED)
    # every alphanumeric run and every dashed CPR shape is a token: a set lookup per token
    # finds a raw ID anywhere in a large log in linear time
    tokens = re.compile(r"\d{6}-\d{4}|[0-9A-Za-z]+")
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        # 10-digit numbers (epoch times) are CPR-shaped; only a real birth date makes a CPR
        cprs = [m for m in pattern.findall(text) if normalise_cpr(m)]
        assert not cprs, (path, cprs[:3])
        found = raw_ids.intersection(tokens.findall(text))
        assert not found, (path, f"{len(found)} raw IDs")


def test_the_demo_sends_cpr_numbers_and_they_link_as_pseudonyms(pipeline_world):
    """The jobcenter partners deliver CPR numbers; the warehouse keys them, and the bytes of
    the landed originals are the one place they remain (the restricted landing zone)."""
    landed = list((pipeline_world.settings.landing_dir).rglob("*.csv"))
    assert any(re.search(CPR_SHAPED, p.read_text(encoding="cp1252", errors="replace"))
               for p in landed)  # fmt: skip


def test_the_consent_guard_fails_on_someone_without_consent(pipeline_world, tmp_path):
    """The only_consenting_participants test fails -- once per person -- for attendance of a
    participant marked not consenting and of someone with no participant record at all."""
    import json
    import os
    import shutil
    import subprocess
    import sys

    from tests.helpers import environment_for

    copy = tmp_path / "warehouse.duckdb"
    shutil.copyfile(pipeline_world.settings.warehouse_path, copy)
    with duckdb.connect(str(copy)) as con:
        refused = con.execute(
            "select person_key from intermediate.int_participants where not has_consent limit 1"
        ).fetchone()
        assert refused, "the demo world has someone without consent"
        for person_key in (refused[0], "no-participant-record"):
            # two days each: the test names each person once
            con.execute(
                "insert into marts.fct_attendance by name "
                "select * replace (? as person_key) from marts.fct_attendance limit 2",
                [person_key],
            )
    env = {**os.environ, **environment_for(pipeline_world.settings), "WAREHOUSE_PATH": str(copy)}
    target = tmp_path / "dbt-target"
    subprocess.run(
        [str(Path(sys.executable).parent / "dbt"), "test", "--select",
         "fct_attendance,test_name:only_consenting_participants", "--project-dir",
         str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR), "--target-path",
         str(target), "--quiet"],
        env=env, check=False,
    )  # fmt: skip
    results = json.loads((target / "run_results.json").read_text())["results"]
    name = ".only_consenting_participants_fct_attendance_."
    guard = [r for r in results if name in r["unique_id"]]
    assert [(r["status"], r["failures"]) for r in guard] == [("fail", 2)], results
