"""``make bench TIER=S|M|DK5Y|L|XL``: the warehouse against its lower bound and its peer.

Every stage runs in its own process (``stages.py``, ``pandas_peer.py``) so its wall time and
peak RSS are its own; repeated stages report the median. The table is printed and written to
``BENCHMARKS.md`` (one section per tier, replaced on a re-run) with the machine, versions and
date. Ratios are what to compare: machines are noisy. Never part of ``make test``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from pipelines.settings import REPO_ROOT

# the pandas peer's address-space cap: past it, it fails with MemoryError (recorded) instead of
# waking the kernel's out-of-memory killer on the benchmark machine
PEER_MEMORY_LIMIT = 20 * 2**30
TIERS = {"S": 1_000, "M": 50_000, "DK5Y": 225_000, "L": 1_000_000, "XL": 10_000_000}
OUT = REPO_ROOT / "BENCHMARKS.md"
PEER_METRICS = ("enrolled", "attendance_rate", "progression_positive", "attached_at_exit")


def _watch_spill(folder: Path, done: threading.Event, peak: list[float]) -> None:
    """Largest size (MiB) the spill folder reached; DuckDB removes it when a session closes."""
    while not done.wait(1.0):
        if folder.is_dir():
            with contextlib.suppress(OSError):  # files come and go while being summed
                peak[0] = max(peak[0], du_mib(folder))


def run_stage(module: str, *args: str, env: dict | None = None,
              spill: Path | None = None) -> dict:  # fmt: skip
    """Run one stage process; wall seconds, peak RSS (MiB, from wait4), the largest size of the
    ``spill`` folder while it ran (MiB) and its RESULT line."""
    peak, done = [0.0], threading.Event()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", module, *args], stdout=out, stderr=err,
            env={**os.environ, **(env or {})}, cwd=REPO_ROOT, text=True,
        )  # fmt: skip
        watcher = threading.Thread(target=_watch_spill, args=(spill, done, peak), daemon=True)
        if spill is not None:
            watcher.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        done.set()
        if spill is not None:
            watcher.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if proc.returncode != 0:
        raise RuntimeError(f"{module} {args[0]} failed ({proc.returncode}):\n{stderr[-3000:]}")
    result = next((json.loads(line[7:]) for line in stdout.splitlines()
                   if line.startswith("RESULT ")), {})  # fmt: skip
    return {"wall": wall, "rss_mib": usage.ru_maxrss / 1024, "spill_mib": peak[0], **result}


def median_of(n: int, module: str, *args: str, spill: Path | None = None) -> dict:
    runs = [run_stage(module, *args, spill=spill) for _ in range(n)]
    out = dict(runs[-1])
    out["wall"] = statistics.median(r["wall"] for r in runs)
    for key in ("sql_seconds", "node_seconds"):
        if key in out:
            out[key] = statistics.median(r[key] for r in runs)
    out["runs"] = n
    return out


def check_peer(workdir: Path) -> tuple[int, float]:
    """Cells compared and the largest absolute difference between pandas and the warehouse."""
    import duckdb
    import pandas as pd

    peer = pd.read_parquet(workdir / "pandas_metrics.parquet")
    con = duckdb.connect(str(workdir / "warehouse.duckdb"), read_only=True)
    ours = con.execute(
        "select metric_id, initiative_id, period_label, value from marts.metric_values "
        "where metric_id in (select unnest(?::varchar[])) and partnership_id = 'ALL' "
        "and subgroup_type = 'all' and period_type = 'half_year' "
        "and population in ('all', 'ended')", [list(PEER_METRICS)]).df()  # fmt: skip
    con.close()
    both = ours.merge(peer, on=["metric_id", "initiative_id", "period_label"], how="outer",
                      suffixes=("_ours", "_peer"), indicator=True)  # fmt: skip
    if (both["_merge"] != "both").any():
        raise AssertionError("pandas and the warehouse report different cells")
    return len(both), float((both.value_ours - both.value_peer).abs().max())


DASHBOARD_QUERIES = [
    # the network page: one metric and period across initiatives, the partnership breakdown,
    # the catalogue and the period list
    "select * from read_parquet('{s}/metric_values.parquet') where metric_id = 'attendance_rate' "
    "and period_type = 'half_year' and partnership_id = 'ALL' and subgroup_type = 'all' "
    "and population = 'all' and period_label = '2025-H1'",
    "select * from read_parquet('{s}/metric_values.parquet') where metric_id = 'enrolled' "
    "and period_type = 'cumulative' and partnership_id <> 'ALL' and subgroup_type = 'all'",
    "select distinct period_label from read_parquet('{s}/metric_values.parquet') "
    "where period_type = 'quarter' order by 1",
    "select * from read_parquet('{s}/metric_comparison.parquet') "
    "where metric_id = 'attached_at_exit' and period_type = 'cumulative'",
]


def dashboard_latency(serving: Path, sessions: int, rounds: int = 20) -> tuple[float, float]:
    """p50/p95 seconds of a page's queries, each session on its own in-memory connection."""
    import duckdb

    snapshot = os.path.realpath(serving / "network")

    def session(_: int) -> list[float]:
        con = duckdb.connect()
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            for sql in DASHBOARD_QUERIES:
                con.execute(sql.format(s=snapshot)).fetchall()
            times.append(time.perf_counter() - started)
        con.close()
        return times

    with ThreadPoolExecutor(sessions) as pool:
        times = sorted(t for ts in pool.map(session, range(sessions)) for t in ts)
    return times[len(times) // 2], times[int(len(times) * 0.95) - 1]


def du_mib(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 2**20
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


OPTIONAL = ("dbt_run", "raw_sql", "dagster", "pandas")  # stages --skip may leave out


def bench(tier: str, workdir: Path, repeat: int, doubled: bool, skip: set[str],
          generated: dict | None = None) -> dict:  # fmt: skip
    """Every stage in order; the figures so far are saved after each (``result.json``), so a
    run cut short still shows what it measured. ``generated``: the figures of a world already
    generated in ``workdir`` (``--reuse-world``), which is then not generated again."""
    n = TIERS[tier]
    w = str(workdir)
    stages = "tests.benchmarks.stages"
    r: dict = {"tier": tier, "participants": n, "skipped": sorted(skip),
               "memory_limit": os.environ.get("DUCKDB_MEMORY_LIMIT")}  # fmt: skip

    def save() -> None:
        (workdir / "result.json").write_text(json.dumps(r, indent=2, default=str))

    spill = workdir / "warehouse.duckdb.tmp"  # where ingestion and dbt spill (DuckDB's default)

    def stage(key: str, *args: str, times: int = 1) -> None:
        r[key] = (median_of(times, stages, *args, spill=spill) if times > 1
                  else run_stage(stages, *args, spill=spill))  # fmt: skip
        save()

    if generated is None:
        stage("generate", "generate", w, str(n))
    else:
        r["generate"] = generated
    stage("ingest", "ingest", w)
    run_stage(stages, "seed", w)
    if "dbt_run" not in skip:
        stage("dbt_run", "dbt_run", w, times=repeat)
    if "raw_sql" not in skip:
        run_stage(stages, "compile_models", w)
        stage("raw_sql", "raw_sql", w, times=repeat)
    stage("dbt_build", "dbt_build", w)
    stage("new_month", "new_month", w)
    if "dagster" not in skip:
        stage("dagster", "dagster", w)
    stage("publish", "publish", w)
    r["warehouse_mib"] = du_mib(workdir / "warehouse.duckdb")
    r["drop_mib"] = du_mib(workdir / "drop")
    r["spill"] = {k: v["spill_mib"] for k, v in r.items()
                  if isinstance(v, dict) and v.get("spill_mib")}  # fmt: skip
    r["dashboard"] = {str(s): dashboard_latency(workdir / "serving", s) for s in (1, 4)}
    save()
    if "pandas" not in skip:
        try:
            r["pandas"] = run_stage("tests.benchmarks.pandas_peer", w,
                                    env={"PEER_MEMORY_LIMIT": str(PEER_MEMORY_LIMIT)})  # fmt: skip
            r["pandas"]["cells"], r["pandas"]["max_abs_diff"] = check_peer(workdir)
        except RuntimeError as exc:  # out of memory or time: recorded, not hidden
            r["pandas"] = {"failed": str(exc).strip().splitlines()[-1][:200]}
        save()
        if "rss_mib" in r["pandas"] and "dbt_run" not in skip:
            # the target: a fifth of pandas' peak for the whole process; DuckDB gets half of
            # it, the other half is Python, dbt and the contract checks around it
            r["capped"] = capped(workdir, f"{int(r['pandas']['rss_mib'] / 10)}MB")
            save()
    if doubled:
        r["doubled"] = doubled_history(n, workdir.with_name(workdir.name + "-2x"))
        save()
    return r


def capped(workdir: Path, limit: str) -> dict:
    """Ingest and models again with DuckDB held to ``limit`` (it spills beyond it), in a folder
    of their own that reads the same deliveries as the pandas peer: the warehouse's end-to-end
    memory under a cap. A stage that still runs out of memory is recorded, not hidden."""
    folder = workdir.with_name(workdir.name + "-capped")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name in ("drop", "held_back", "partners"):
        (folder / name).symlink_to((workdir / name).resolve())
    w, stages, env = str(folder), "tests.benchmarks.stages", {"DUCKDB_MEMORY_LIMIT": limit}
    spill = folder / "warehouse.duckdb.tmp"
    r: dict = {"limit": limit}
    try:
        r["ingest"] = run_stage(stages, "ingest", w, env=env, spill=spill)
        run_stage(stages, "seed", w, env=env)
        r["dbt_run"] = run_stage(stages, "dbt_run", w, env=env, spill=spill)
    except RuntimeError as exc:
        r["failed"] = str(exc).strip().splitlines()[-1][:200]
    shutil.rmtree(folder, ignore_errors=True)
    return r


def doubled_history(n: int, workdir: Path) -> dict:
    """The same world over twice the years (twice the participants, the same intake a month):
    a full build, then the same one new month. Cost should follow the new data, not history."""
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    w, stages = str(workdir), "tests.benchmarks.stages"
    r = {"generate": run_stage(stages, "generate", w, str(2 * n), "2")}
    r["ingest"] = run_stage(stages, "ingest", w)
    run_stage(stages, "seed", w)
    r["dbt_build"] = run_stage(stages, "dbt_build", w)
    r["new_month"] = run_stage(stages, "new_month", w)
    shutil.rmtree(workdir, ignore_errors=True)
    return r


def _loaded(stage: dict) -> str:
    """Rows an ingestion loaded, and those the contract quarantined (none in a sound world)."""
    return (f"{stage['rows_loaded']:,} rows loaded, "
            f"{stage.get('rows_quarantined', 0):,} quarantined")  # fmt: skip


def _row(name: str, stage: dict, note: str = "") -> str:
    return f"| {name} | {stage['wall']:.1f} | {stage['rss_mib']:,.0f} | {note} |"


def render(r: dict) -> str:
    lines = [
        f"## Tier {r['tier']} — {r['participants']:,} participants, "
        f"{r['generate']['attendance_rows']:,} attendance rows",
        "",
        f"_{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {platform.node()} · "
        f"{os.cpu_count()} cores · Python {platform.python_version()} · duckdb "
        f"{version('duckdb')} · dbt-core {version('dbt-core')} · dagster {version('dagster')} · "
        f"pandas {version('pandas')}"
        + (f" · `DUCKDB_MEMORY_LIMIT={r['memory_limit']}`" if r.get("memory_limit") else "")
        + "_",
        "",
        "| stage | wall s | peak RSS MiB | note |",
        "|---|---|---|---|",
        *_table(r),
        "",
        *_ratio_lines(r),
        *_doubled_lines(r),
        *(
            [
                f"- Full refresh, model by model: dbt {_nodes(r['dbt_run'])}; raw SQL "
                f"{_nodes(r['raw_sql'])}."
            ]
            if "slowest" in r.get("dbt_run", {}) and "slowest" in r.get("raw_sql", {})
            else []
        ),
        f"- Where the time goes, full build: {_nodes(r['dbt_build'])}.",
        f"- One new month: ingest {r['new_month']['ingest_seconds']:.1f} s, then dbt "
        f"{r['new_month']['wall'] - r['new_month']['ingest_seconds']:.1f} s (process); slowest "
        f"nodes {_nodes(r['new_month'])}.",
        f"- Peak RSS of any warehouse stage (generation and the pandas peer aside): "
        f"{_warehouse_peak_mib(r):,.0f} MiB.",
        f"- Warehouse {r['warehouse_mib']:,.0f} MiB, deliveries {r['drop_mib']:,.0f} MiB, "
        f"spill to disk: {_spill_text(r['spill'])}.",
        "",
    ]
    return "\n".join(lines)


def _spill_text(spill: dict[str, float]) -> str:
    """The largest spill of each stage that spilled."""
    return ", ".join(f"{k} up to {v:,.0f} MiB" for k, v in spill.items()) or "none"


def _warehouse_peak_mib(r: dict) -> float:
    """The end-to-end memory figure: the largest peak of ingest, build, month, Dagster, publish."""
    keys = ("ingest", "dbt_run", "raw_sql", "dbt_build", "new_month", "dagster", "publish")
    return max(r[k]["rss_mib"] for k in keys if k in r and "rss_mib" in r[k])


def _dagster_split(r: dict) -> tuple[float, float]:
    """(dbt step seconds, run seconds outside any step) of the Dagster stage."""
    steps = r["dagster"].get("step_seconds", {})
    dbt_step = next((v for k, v in steps.items() if "dbt" in k), float("nan"))
    return dbt_step, r["dagster"]["run_seconds"] - sum(steps.values())


def _table(r: dict) -> list[str]:
    rows = [
        _row("generate (reported, not targeted)", r["generate"]),
        _row("ingest all deliveries", r["ingest"], _loaded(r["ingest"])),
    ]
    if "dbt_run" in r:
        node_seconds = r["dbt_run"].get("node_seconds")
        rows.append(_row("dbt run, models only (full refresh)", r["dbt_run"],
                         f"median of {r['dbt_run'].get('runs', 1)}"
                         + (f"; models {node_seconds:.1f} s" if node_seconds else "")))  # fmt: skip
    if "raw_sql" in r:
        rows.append(_row("raw-SQL lower bound (process)", r["raw_sql"],
                         f"SQL alone {r['raw_sql']['sql_seconds']:.1f} s, "
                         f"{r['raw_sql']['models']} models, median of "
                         f"{r['raw_sql'].get('runs', 1)}"))  # fmt: skip
    rows += [
        _row("dbt build (models + tests)", r["dbt_build"]),
        _row("one new month: ingest + incremental build", r["new_month"], _loaded(r["new_month"])),
    ]
    if "dagster" in r:
        dbt_step, overhead = _dagster_split(r)
        rows.append(_row("Dagster end to end (in-process)", r["dagster"],
                         f"run {r['dagster']['run_seconds']:.1f} s; dbt step {dbt_step:.1f} s; "
                         f"outside steps {overhead:.1f} s"))  # fmt: skip
    if "capped" in r:
        limit = r["capped"]["limit"]
        for key, name in (("ingest", "ingest"), ("dbt_run", "dbt run, models only")):
            if key in r["capped"]:
                rows.append(_row(f"{name}, DuckDB memory limit {limit}", r["capped"][key],
                                 "a tenth of the pandas peak"))  # fmt: skip
        if "failed" in r["capped"]:
            rows.append(f"| DuckDB memory limit {limit} | – | – | did not finish: "
                        f"{r['capped']['failed']} |")  # fmt: skip
    rows.append(_row("publish", r["publish"]))
    pandas = r.get("pandas")
    if pandas is None:
        if "pandas" not in r.get("skipped", []):
            rows.append("| pandas peer | – | – | not run at this tier |")
    elif "failed" in pandas:
        rows.append(f"| pandas peer | – | – | did not finish: {pandas['failed']} |")
    else:
        rows.append(_row("pandas peer (4 metrics)", pandas,
                         f"{pandas['cells']} cells, max abs diff "
                         f"{pandas['max_abs_diff']:.1e}"))  # fmt: skip
    rows += [f"| {name} | – | – | skipped (--skip) |" for name in r.get("skipped", [])]
    return rows


def _ratio_lines(r: dict) -> list[str]:
    ratios = []
    if "dbt_run" in r and "raw_sql" in r:
        models, lower = r["dbt_run"]["wall"], r["raw_sql"]["sql_seconds"]
        ratios.append(f"dbt models ÷ raw-SQL lower bound = **{models / lower:.2f}** "
                      f"(process-to-SQL: {models / r['raw_sql']['wall']:.2f})")  # fmt: skip
    if "dagster" in r:
        dbt_step, overhead = _dagster_split(r)
        ratios.append(f"Dagster time outside steps ÷ dbt step = **{overhead / dbt_step:.1%}**")
    full = r["ingest"]["wall"] + r["dbt_build"]["wall"]
    ratios.append(f"incremental month ÷ full build = **{r['new_month']['wall'] / full:.1%}**")
    # ours end to end: ingest, then the models (tests too where the model-only run was skipped)
    models = r.get("dbt_run", r["dbt_build"])
    ours_wall = r["ingest"]["wall"] + models["wall"]
    ours_rss = max(r["ingest"]["rss_mib"], models["rss_mib"])
    pandas = r.get("pandas")
    if pandas is None:
        versus = "skipped" if "pandas" in r.get("skipped", []) else "not run"
    elif "failed" in pandas:
        versus = "did not finish"
    else:
        versus = (f"{pandas['wall']:.1f} s (**{pandas['wall'] / ours_wall:.2f}×**), peak memory "
                  f"{ours_rss:,.0f} vs {pandas['rss_mib']:,.0f} MiB "
                  f"(**{pandas['rss_mib'] / ours_rss:.2f}×**)")  # fmt: skip
    if "dbt_run" in r.get("capped", {}):
        cap = r["capped"]
        wall = cap["ingest"]["wall"] + cap["dbt_run"]["wall"]
        peak = max(cap["ingest"]["rss_mib"], cap["dbt_run"]["rss_mib"])
        versus += (f"; with DuckDB held to {cap['limit']}, ingest + models {wall:.1f} s at a "
                   f"peak of {peak:,.0f} MiB (**{pandas['rss_mib'] / peak:.2f}×** below "
                   f"pandas)")  # fmt: skip
    (p50_1, p95_1), (p50_4, p95_4) = r["dashboard"]["1"], r["dashboard"]["4"]
    return [
        "- Ratios: " + "; ".join(ratios) + ".",
        f"- vs pandas: our ingest + dbt models {ours_wall:.1f} s vs pandas {versus}.",
        f"- Dashboard page queries (4 queries on the snapshot): 1 session p50 {p50_1 * 1000:.0f} ms"
        f", p95 {p95_1 * 1000:.0f} ms; 4 sessions p50 {p50_4 * 1000:.0f} ms, p95 "
        f"{p95_4 * 1000:.0f} ms.",
    ]


def _nodes(stage: dict) -> str:
    def short(node: str) -> str:
        return node if len(node) <= 48 else node[:45] + "…"

    return ", ".join(f"`{short(k)}` {v:.1f} s" for k, v in stage.get("slowest", {}).items())


def _doubled_lines(r: dict) -> list[str]:
    if "doubled" not in r:
        return ["- Twice the history: not run at this tier (`--doubled-history` runs it)."]
    d = r["doubled"]
    full = d["ingest"]["wall"] + d["dbt_build"]["wall"]
    return [
        f"- Twice the history ({d['generate']['participants']:,} participants over twice the "
        f"years, {d['generate']['attendance_rows']:,} attendance rows, the same intake a month): "
        f"ingest + full build {full:.1f} s (ingest: {_loaded(d['ingest'])}); one new month "
        f"({d['generate']['held_back_rows']:,} attendance rows, vs "
        f"{r['generate']['held_back_rows']:,}; {_loaded(d['new_month'])}) "
        f"{d['new_month']['wall']:.1f} s = "
        f"{d['new_month']['wall'] / full:.1%} of it; doubling history adds "
        f"**{d['new_month']['wall'] / r['new_month']['wall'] - 1:+.1%}** to the new month."
    ]


def write(section: str, tier: str) -> None:
    header = "# Benchmarks\n\nProduced by `make bench TIER=…` (`tests/benchmarks/bench.py`).\n\n"
    text = OUT.read_text(encoding="utf-8") if OUT.exists() else header
    marker = f"## Tier {tier} "
    # replace this size's own section where it stands (or append it); every other section,
    # such as earlier runs kept by hand, stays
    head, *sections = text.split("\n## ")
    parts = [head.rstrip() + "\n"] + ["## " + p.rstrip() + "\n" for p in sections]
    mine = [i for i, p in enumerate(parts) if p.startswith(marker)]
    if mine:
        parts[mine[0]] = section
    else:
        parts.append(section)
    OUT.write_text("\n".join(parts), encoding="utf-8")


WORLD = ("drop", "held_back", "partners", "result.json")  # what generation writes


def reusable_world(workdir: Path, tier: str) -> dict | None:
    """The generation figures of the world an earlier run left in ``workdir``, after clearing
    everything else there (warehouse, landing, serving); None when there is no such world."""
    saved = workdir / "result.json"
    if not (workdir / "drop").is_dir() or not saved.is_file():
        return None
    earlier = json.loads(saved.read_text())
    if earlier.get("tier") != tier or "generate" not in earlier:
        return None
    for path in workdir.iterdir():
        if path.name not in WORLD:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    for path in (workdir / "held_back").glob("*/*.csv"):  # delivered by a new-month stage
        (workdir / "drop" / path.parent.name / path.name).unlink(missing_ok=True)
    return earlier["generate"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("tier", choices=TIERS)
    parser.add_argument("--repeat", type=int, default=None, help="runs of the repeated stages")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument(
        "--skip", default="", help=f"comma-separated stages to leave out: {OPTIONAL}"
    )
    parser.add_argument(
        "--doubled-history",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="also time the new month on a world with twice the history (default: up to M)",
    )
    parser.add_argument(
        "--reuse-world",
        action="store_true",
        help="keep the world an earlier run of this tier generated in --workdir (its deliveries "
        "are never changed by a run) and start at the ingestion; the rest of the folder is "
        "cleared",
    )
    args = parser.parse_args()
    repeat = args.repeat or (3 if TIERS[args.tier] <= 50_000 else 1)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix=f"bench-{args.tier}-"))
    generated = reusable_world(workdir, args.tier) if args.reuse_world else None
    if generated is None:
        shutil.rmtree(workdir, ignore_errors=True)
        workdir.mkdir(parents=True)
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    doubled = args.doubled_history
    if doubled is None:
        doubled = TIERS[args.tier] <= TIERS["M"]
    skip = {s for s in args.skip.split(",") if s}
    if unknown := skip - set(OPTIONAL):
        parser.error(f"--skip: unknown stages {sorted(unknown)}; choose from {OPTIONAL}")
    result = bench(args.tier, workdir, repeat, doubled, skip, generated)
    section = render(result)
    print(section)
    write(section, args.tier)
    return 0


if __name__ == "__main__":
    sys.exit(main())
