"""Automation: a sensor that starts a run when files land in the drop folders, and a schedule
that pulls the partner APIs. Both run the full pipeline (ingest, dbt build, publish); ingestion
itself isolates each partner, so one broken delivery never blocks the others."""

import hashlib
from pathlib import Path

import dagster as dg

from pipelines.warehouse import WarehouseResource

JOB = "full_pipeline"


def _sources(*kinds: str) -> dict:
    return {"ops": {"raw_deliveries": {"config": {"sources": list(kinds)}}}}


def drop_folder_state(drop_dir: Path) -> str:
    """A fingerprint of every file's name, size and modification time in the drop folders."""
    digest = hashlib.sha256()
    if drop_dir.is_dir():
        for path in sorted(p for p in drop_dir.rglob("*") if p.is_file()):
            stat = path.stat()
            digest.update(
                f"{path.relative_to(drop_dir)}|{stat.st_size}|{stat.st_mtime_ns}\n".encode()
            )
    return digest.hexdigest()


@dg.sensor(job_name=JOB, minimum_interval_seconds=60,
           default_status=dg.DefaultSensorStatus.RUNNING)  # fmt: skip
def new_files_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    """Requests a run when the drop folders changed since the last request."""
    state = drop_folder_state(Path(warehouse.drop_dir))
    if state == context.cursor:
        return dg.SkipReason("no new or changed files in the drop folders")
    context.update_cursor(state)
    return dg.RunRequest(run_key=state, run_config=_sources("files"))


api_pull_schedule = dg.ScheduleDefinition(
    name="api_pull_schedule",
    job_name=JOB,
    cron_schedule="0 * * * *",
    run_config=_sources("api"),
    description="Hourly pull of new and changed records from the partner APIs",
    default_status=dg.DefaultScheduleStatus.STOPPED,  # start it in the UI where an API exists
)
