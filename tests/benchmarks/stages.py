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
from datetime import datetime
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
CHUNK = 50_000  # participants simulated at a time: generation memory stays flat at any tier


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


def world_params(history: int) -> dict:
    """The demo world's parameters with ``history`` times its span of years (same start)."""
    import pandas as pd

    from pipelines.demo.world import load_params

    params = load_params()
    first = pd.Timestamp(params["first_day"])
    end = pd.Timestamp(params["as_of"]) + pd.Timedelta(days=1)
    months = (end.year - first.year) * 12 + end.month - first.month
    params["as_of"] = (first + pd.DateOffset(months=history * months) - pd.Timedelta(days=1)).date()
    return params


# what a month of deliveries brings: the rows dated in it (days attended, enrolments started,
# assessments, status changes)
MONTH_COLUMN = {"attendance": "date", "enrolments": "start_date", "measurements": "assessed_on",
                "outcomes": "status_from"}  # fmt: skip


def generate(workdir: Path, participants: int, history: int = 1) -> dict:
    """The benchmark world in the canonical shape, simulated ``CHUNK`` participants at a time
    and appended to one delivery per partner and entity. The rows of the last month (attendance,
    enrolments started, assessments, status changes) are held back in ``held_back/``: the
    incremental stage delivers them."""
    from pipelines.demo.render_partner import contract_text, write_text_csv
    from pipelines.demo.world import reference, simulate

    partners = sorted(reference("partnerships")["partner_system"].unique())
    (workdir / "partners").mkdir(parents=True, exist_ok=True)
    (workdir / "partners" / "canonical.yaml").write_text(
        CANONICAL.format(partners=", ".join(partners)), encoding="utf-8"
    )
    params = world_params(history)
    held_back = params["as_of"].replace(day=1).isoformat()
    counts = {"participants": 0, "attendance_rows": 0, "held_back_rows": 0}

    def append(path: Path, frame) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        header = not path.exists()
        with path.open("ab") as sink:
            write_text_csv(frame, sink, header=header)

    for first in range(0, participants, CHUNK):
        n = min(CHUNK, participants - first)
        world = simulate(n, seed=1 + first // CHUNK, params=params, first_seq=first + 1)
        counts["participants"] += len(world.participants)
        counts["attendance_rows"] += len(world.attendance)
        for partner in partners:
            for entity, frame in contract_text(world, partner, use_cpr=False).items():
                if entity in MONTH_COLUMN:
                    late = frame[MONTH_COLUMN[entity]] >= held_back
                    if entity == "attendance":
                        counts["held_back_rows"] += int(late.sum())
                    append(workdir / "held_back" / partner / f"{entity}_{held_back[:7]}.csv",
                           frame[late])  # fmt: skip
                    frame = frame[~late]
                append(workdir / "drop" / partner / f"{entity}.csv", frame)
        del world
    return counts


def received_no_earlier_than(workdir: Path) -> datetime | None:
    """The first day after the world's last month (the held-back month): a partner delivering
    this world receives nothing before it. None for a folder without a held-back month."""
    months = sorted(p.stem.rsplit("_", 1)[1] for p in (workdir / "held_back").glob("*/*.csv"))
    if not months:
        return None
    year, month = map(int, months[-1].split("-"))
    return datetime(year + month // 12, month % 12 + 1, 1)


def ingest(workdir: Path) -> dict:
    """Ingest what is in the drop folder. Deliveries are stamped now, or -- for a world whose
    years run past today (twice the history) -- on the day after its last month: the contract
    quarantines dates more than a year after receipt, which would otherwise take that world's
    last year, new month included, out of the data."""
    from pipelines.ingest.deliveries import Ingestor, utc_now
    from pipelines.ingest.partners import load_partner_systems
    from pipelines.warehouse import parsing_session

    s = settings_for(workdir)
    floor = received_no_earlier_than(workdir) or datetime.min
    with parsing_session(s.warehouse_path) as con:
        report = Ingestor(con, s.drop_dir, s.landing_dir, load_partner_systems(s.partners_dir),
                          PEPPER.encode(), clock=lambda: max(utc_now(), floor)
                          ).run(("files",))  # fmt: skip
    return {"rows_loaded": sum(d.rows_loaded for d in report.delivered),
            "rows_quarantined": sum(d.rows_quarantined for d in report.delivered)}  # fmt: skip


def _dbt(workdir: Path, *args: str, env: dict | None = None) -> None:
    dbt = Path(sys.executable).parent / "dbt"
    subprocess.run(
        [str(dbt), *args, "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir",
         str(DBT_PROJECT_DIR), "--target-path", str(workdir / "dbt-target"), "--quiet"],
        env={**environment(workdir), **(env or {})}, check=True,
    )  # fmt: skip


def _run_results(workdir: Path) -> list[dict]:
    """The nodes of the last dbt invocation, from its run_results.json."""
    return json.loads((workdir / "dbt-target" / "run_results.json").read_text())["results"]


def slowest_nodes(workdir: Path, top: int = 8) -> dict[str, float]:
    """Where the last dbt invocation spent its time: its slowest nodes."""
    results = _run_results(workdir)
    timed = sorted(results, key=lambda r: r["execution_time"], reverse=True)[:top]
    return {r["unique_id"].split(".", 2)[-1]: round(r["execution_time"], 2) for r in timed}


def dbt_build(workdir: Path) -> dict:
    _dbt(workdir, "build", "--full-refresh")
    return {"slowest": slowest_nodes(workdir)}


def seed(workdir: Path) -> dict:
    """Reference data (dbt seeds) into the warehouse, before the timed model runs."""
    _dbt(workdir, "seed", "--full-refresh")
    return {}


def dbt_run(workdir: Path) -> dict:
    """Models only (no tests), full refresh: the figure the raw-SQL lower bound compares to."""
    _dbt(workdir, "run", "--full-refresh")
    return {"node_seconds": sum(r["execution_time"] for r in _run_results(workdir)),
            "slowest": slowest_nodes(workdir)}  # fmt: skip


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
    per_model = {}
    started = time.perf_counter()
    for key in order:
        node = models[key]
        sql = node["compiled_code"].replace(f'"{catalog}".', "")
        con.execute(f"create schema if not exists {node['schema']}")
        kind = "view" if node["config"]["materialized"] == "view" else "table"
        model_started = time.perf_counter()
        con.execute(f"create or replace {kind} {node['schema']}.{node['alias']} as {sql}")
        per_model[node["name"]] = round(time.perf_counter() - model_started, 2)
    elapsed = time.perf_counter() - started
    con.close()
    slowest = dict(sorted(per_model.items(), key=lambda kv: kv[1], reverse=True)[:8])
    return {"models": len(order), "sql_seconds": elapsed, "slowest": slowest}


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
    started = time.perf_counter()
    loaded = ingest(workdir)
    ingest_seconds = time.perf_counter() - started
    _dbt(workdir, "build")
    return {**loaded, "ingest_seconds": ingest_seconds, "slowest": slowest_nodes(workdir)}


def dagster(workdir: Path) -> dict:
    """End-to-end materialisation in-process (ingest of nothing new, dbt as one step, publish)."""
    import dagster as dg

    os.environ.update(environment(workdir))
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    from pipelines.transform.dbt_project import prepare_manifest

    prepare_manifest()  # before the definitions import: dbt_assets reads the manifest then
    from pipelines.definitions import build_definitions

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
