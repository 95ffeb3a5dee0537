"""``make demo``: generate the world and run the whole pipeline, showing stages, not log lines.

The pipeline runs in-process in a Dagster instance (``DAGSTER_HOME``), so the run and its asset
lineage are visible afterwards in Dagster's UI (``make dev``). Dagster's and dbt's own log lines
go to ``<data>/logs/demo-run.log``; the terminal shows a progress bar that advances with every
asset materialised and every check evaluated.
"""

from __future__ import annotations

import os
import sys
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from pipelines.demo.generate import DEFAULT_PARTICIPANTS, DEFAULT_SEED, api_dir_for, generate
from pipelines.demo.partner_api import start_partner_api
from pipelines.ingest.pseudonymise import PEPPER_ENV, ensure_pepper_file
from pipelines.settings import Settings


def _progress(console: Console) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    )


@contextmanager
def _output_to(log_file: Path):
    """Send everything written to fds 1 and 2 (Dagster, dbt, warnings) to ``log_file``."""
    log_file.parent.mkdir(parents=True, exist_ok=True)
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    with log_file.open("ab") as fh:
        os.dup2(fh.fileno(), 1)
        os.dup2(fh.fileno(), 2)
        try:
            yield
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])


def run_demo(participants: int = DEFAULT_PARTICIPANTS, seed: int = DEFAULT_SEED) -> int:
    settings = Settings.from_env()
    console = Console(file=os.fdopen(os.dup(2), "w"), force_terminal=None)
    log_file = settings.data_dir / "logs" / "demo-run.log"
    log_file.unlink(missing_ok=True)
    started = time.monotonic()

    console.rule("[bold]Shared outcome warehouse · demo")
    if not os.environ.get(PEPPER_ENV):
        ensure_pepper_file(settings.pepper_file)
        console.print(f"Pseudonymisation pepper: {settings.pepper_file} (kept out of git)")

    with _progress(console) as progress:
        steps = ["simulating", "writing deliveries", "writing ground truth"]
        task = progress.add_task(
            f"[1/3] Demo world: {participants:,} young people", total=len(steps)
        )
        generate(
            settings.drop_dir,
            settings.data_dir / "truth",
            participants=participants,
            seed=seed,
            on_step=lambda _: (
                progress.advance(task) if progress.tasks[task].completed < len(steps) else None
            ),
        )
        progress.update(task, completed=len(steps))

        task = progress.add_task("[2/3] Preparing dbt (dbt parse)", total=1)
        with _output_to(log_file):
            from pipelines.transform.dbt_project import prepare_manifest

            prepare_manifest()
        progress.advance(task)

    api = start_partner_api(api_dir_for(settings.drop_dir))
    console.print(f"Partner-system API simulator: {api.url.format(partner='<partner>')}")
    try:
        ok = _run_pipeline(console, log_file)
    finally:
        api.stop()
    elapsed = time.monotonic() - started
    if not ok:
        console.print(f"[red]The pipeline run failed.[/red] Details: {log_file}")
        return 1
    console.print(f"[green]Done in {elapsed:.0f} s.[/green] Pipeline log: {log_file}")
    _print_demo_accounts(console)
    console.print("Dashboard:  [bold]http://localhost:8501[/bold]  (starting now; Ctrl+C stops it)")
    console.print(
        "Dagster UI: run [bold]make dev[/bold] in another terminal, then open http://localhost:3000"
    )
    return 0


def _print_demo_accounts(console: Console) -> None:
    """Fresh demo accounts (hashes stored outside git, passwords shown once, here)."""
    from rich.table import Table

    from dashboards.accounts import accounts_file, create_demo_accounts, load_accounts

    passwords = create_demo_accounts()
    accounts = load_accounts()
    table = Table(title=f"Demo accounts ({accounts_file()})", title_justify="left")
    for column in ("username", "password", "role", "sees"):
        table.add_column(column)
    for username, password in passwords.items():
        a = accounts[username]
        table.add_row(username, password, a.role, a.scope or "all initiatives")
    console.print(table)


def _run_pipeline(console: Console, log_file: Path) -> bool:
    """Run the full asset graph in-process, with a progress bar fed by the run's events."""
    import dagster as dg

    with _output_to(log_file):
        from pipelines.definitions import defs

    job = defs.resolve_job_def("full_pipeline")
    graph = defs.resolve_asset_graph()
    total = len(graph.materializable_asset_keys) + len(graph.asset_check_keys)
    instance = (
        dg.DagsterInstance.get()
        if os.environ.get("DAGSTER_HOME")
        else dg.DagsterInstance.ephemeral()
    )
    run_id = str(uuid.uuid4())
    done = threading.Event()
    kinds = {dg.DagsterEventType.ASSET_MATERIALIZATION, dg.DagsterEventType.ASSET_CHECK_EVALUATION}

    with _progress(console) as progress:
        task = progress.add_task("[3/3] Pipeline: ingest → dbt → publish", total=total)

        def follow() -> None:
            while not done.wait(0.5):
                try:
                    events = instance.all_logs(run_id, of_type=kinds)
                except Exception:  # noqa: S112 - the run may not be stored yet
                    continue
                progress.update(task, completed=min(len(events), total))

        watcher = threading.Thread(target=follow, daemon=True)
        watcher.start()
        try:
            with _output_to(log_file):
                result = job.execute_in_process(
                    instance=instance,
                    run_id=run_id,
                    raise_on_error=False,
                    run_config={"loggers": {"console": {"config": {"log_level": "INFO"}}}},
                )
        finally:
            done.set()
            watcher.join()
        if result.success:
            progress.update(task, completed=total)
    return result.success
