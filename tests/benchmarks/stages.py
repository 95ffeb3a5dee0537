"""One benchmark stage per process, so each stage's wall time and peak RSS are its own.

``python -m tests.benchmarks.stages <stage> <workdir> [participants]`` runs one stage on the
benchmark world in ``workdir`` (generated with every partner in the canonical shape, no
defects). ``bench.py`` runs the stages in order and collects the figures; nothing here is part
of ``make test``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from pipelines.settings import DBT_PROJECT_DIR, Settings

CANONICAL = """description: every partner in the canonical shape (benchmarks)
partners: [{partners}]
source: {{kind: files}}
entities:
  participants: {{file: "participants*.csv"}}
  enrolments: {{file: "enrolments*.csv"}}
  attendance: {{file: "attendance*.csv"}}
  measurements: {{file: "measurements*.csv"}}
  outcomes: {{file: "outcomes*.csv"}}
"""
PEPPER = "benchmark-pepper"
HELD_BACK = "2025-06-01"  # the "new month" of the incremental stage


def settings_for(workdir: Path) -> Settings:
    return Settings(
        data_dir=workdir, drop_dir=workdir / "drop", landing_dir=workdir / "landing",
        partners_dir=workdir / "partners", warehouse_path=workdir / "warehouse.duckdb",
        serving_dir=workdir / "serving", pepper_file=workdir / "no-pepper",
        raw_parquet_dir=workdir / "raw_parquet",
    )  # fmt: skip


def environment(workdir: Path) -> dict[str, str]:
    s = settings_for(workdir)
    return {
        **os.environ, "OUTCOMES_DATA_DIR": str(s.data_dir), "OUTCOMES_DROP_DIR": str(s.drop_dir),
        "OUTCOMES_LANDING_DIR": str(s.landing_dir), "OUTCOMES_PARTNERS_DIR": str(s.partners_dir),
        "OUTCOMES_SERVING_DIR": str(s.serving_dir), "WAREHOUSE_PATH": str(s.warehouse_path),
        "RAW_PARQUET_DIR": str(s.raw_parquet_dir), "OUTCOMES_PEPPER": PEPPER,
    }  # fmt: skip


def generate(workdir: Path, participants: int) -> dict:
    import pandas as pd

    from pipelines.demo.generate import generate as generate_world
    from pipelines.demo.world import reference

    partners = sorted(reference("partnerships")["partner_system"])
    (workdir / "partners").mkdir(parents=True, exist_ok=True)
    (workdir / "partners" / "canonical.yaml").write_text(
        CANONICAL.format(partners=", ".join(partners)), encoding="utf-8"
    )
    world = generate_world(workdir / "drop", workdir / "truth", participants, seed=1,
                           partners_dir=workdir / "partners", with_defects=False)  # fmt: skip
    # hold back the last month of attendance: the incremental stage delivers it
    held = workdir / "held_back"
    for path in sorted((workdir / "drop").glob("*/attendance.csv")):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        (held / path.parent.name).mkdir(parents=True, exist_ok=True)
        frame[frame["date"] >= HELD_BACK].to_csv(
            held / path.parent.name / "attendance_2025-06.csv", index=False
        )
        frame[frame["date"] < HELD_BACK].to_csv(path, index=False)
    return {"participants": len(world.participants), "attendance_rows": len(world.attendance)}


def ingest(workdir: Path) -> dict:
    import duckdb

    from pipelines.ingest.deliveries import Ingestor
    from pipelines.ingest.partners import load_partner_systems

    s = settings_for(workdir)
    con = duckdb.connect()
    con.execute("attach ? as wh", [str(s.warehouse_path)]).fetchall()
    report = Ingestor(con, s.drop_dir, s.landing_dir, load_partner_systems(s.partners_dir),
                      PEPPER.encode()).run(("files",))  # fmt: skip
    con.close()
    return {"rows_loaded": sum(d.rows_loaded for d in report.delivered)}


def _dbt(workdir: Path, *args: str, env: dict | None = None) -> None:
    dbt = Path(sys.executable).parent / "dbt"
    subprocess.run(
        [str(dbt), *args, "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir",
         str(DBT_PROJECT_DIR), "--target-path", str(workdir / "dbt-target"), "--quiet"],
        env={**environment(workdir), **(env or {})}, check=True,
    )  # fmt: skip


def dbt_build(workdir: Path) -> dict:
    _dbt(workdir, "build", "--full-refresh")
    return {}


def seed(workdir: Path) -> dict:
    """Reference data (dbt seeds) into the warehouse, before the timed model runs."""
    _dbt(workdir, "seed", "--full-refresh")
    return {}


def dbt_run(workdir: Path) -> dict:
    """Models only (no tests), full refresh: the figure the raw-SQL lower bound compares to."""
    _dbt(workdir, "run", "--full-refresh")
    return {}


def raw_sql(workdir: Path) -> dict:
    """The same compiled SQL as plain ``create table as`` on one connection: no dbt, no Dagster.

    Models are compiled against a warehouse without them (so incremental models compile as a
    full build) and run in dependency order into a copy of the raw and reference data.
    """
    import duckdb

    manifest = json.loads((workdir / "dbt-target" / "manifest.json").read_text())
    models = {k: n for k, n in manifest["nodes"].items() if n["resource_type"] == "model"}
    order: list[str] = []
    seen: set[str] = set()

    def visit(key: str) -> None:
        if key in seen or key not in models:
            return
        seen.add(key)
        for dep in models[key]["depends_on"]["nodes"]:
            visit(dep)
        order.append(key)

    for key in sorted(models):
        visit(key)
    target = workdir / "raw_sql.duckdb"
    target.unlink(missing_ok=True)
    con = duckdb.connect(str(target))
    con.execute("attach ? as src (read_only)", [str(workdir / "compile.duckdb")])
    for schema in ("raw", "reference"):
        con.execute(f"create schema {schema}")
        tables = con.execute(
            "select table_name from information_schema.tables where table_catalog = 'src' "
            "and table_schema = ?", [schema]).fetchall()  # fmt: skip
        for (table,) in tables:
            con.execute(f"create table {schema}.{table} as select * from src.{schema}.{table}")
    con.execute("detach src")
    catalog = "compile"
    started = time.perf_counter()
    for key in order:
        node = models[key]
        sql = node["compiled_code"].replace(f'"{catalog}".', "")
        con.execute(f"create schema if not exists {node['schema']}")
        kind = "view" if node["config"]["materialized"] == "view" else "table"
        con.execute(f"create or replace {kind} {node['schema']}.{node['alias']} as {sql}")
    elapsed = time.perf_counter() - started
    con.close()
    return {"models": len(order), "sql_seconds": elapsed}


def compile_models(workdir: Path) -> dict:
    """Compile against a copy of the warehouse holding only raw and reference data (so
    incremental models compile as a full build), for the raw-SQL stage."""
    import shutil

    import duckdb

    copy = workdir / "compile.duckdb"
    shutil.copyfile(settings_for(workdir).warehouse_path, copy)
    con = duckdb.connect(str(copy))
    for schema in ("staging", "intermediate", "marts"):
        con.execute(f"drop schema if exists {schema} cascade")
    con.close()
    _dbt(workdir, "compile", env={"WAREHOUSE_PATH": str(copy)})
    return {}


def new_month(workdir: Path) -> dict:
    """Deliver the held-back month, ingest it and run dbt incrementally."""
    for path in sorted((workdir / "held_back").glob("*/*.csv")):
        target = workdir / "drop" / path.parent.name / path.name
        target.write_bytes(path.read_bytes())
    loaded = ingest(workdir)
    _dbt(workdir, "build")
    return loaded


def dagster(workdir: Path) -> dict:
    """End-to-end materialisation in-process (ingest of nothing new, dbt as one step, publish)."""
    import dagster as dg

    os.environ.update(environment(workdir))
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    from pipelines.definitions import build_definitions
    from pipelines.transform.dbt_project import prepare_manifest

    prepare_manifest()
    defs = build_definitions(settings_for(workdir))
    with dg.instance_for_test() as instance:
        started = time.perf_counter()
        result = defs.resolve_job_def("full_pipeline").execute_in_process(instance=instance)
        elapsed = time.perf_counter() - started
        steps = {
            e.step_key: e.event_specific_data.duration_ms / 1000
            for e in result.all_events if e.event_type_value == "STEP_SUCCESS"
        }  # fmt: skip
    return {"run_seconds": elapsed, "step_seconds": steps}


def publish(workdir: Path) -> dict:
    from pipelines.publish.audiences import publish_all
    from pipelines.publish.suppression import SuppressionRules

    s = settings_for(workdir)
    snapshots = publish_all(s.warehouse_path, s.serving_dir, SuppressionRules())
    return {"rows": snapshots[0].rows.get("metric_values", 0), "snapshots": len(snapshots)}


STAGES = {
    f.__name__: f
    for f in (generate, ingest, seed, dbt_build, dbt_run, compile_models, raw_sql, new_month,
              dagster, publish)
}  # fmt: skip


if __name__ == "__main__":
    stage, workdir = sys.argv[1], Path(sys.argv[2])
    args = [int(a) for a in sys.argv[3:]]
    out = STAGES[stage](workdir, *args)
    print("RESULT " + json.dumps(out, default=str))
