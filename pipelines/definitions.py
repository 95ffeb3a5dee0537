"""The Dagster code location: assembles assets, checks and resources; nothing else."""

from __future__ import annotations

import dagster as dg
from dagster_dbt import DbtCliResource

from pipelines.ingest.assets import raw_deliveries
from pipelines.ingest.automation import api_pull_schedule, new_files_sensor
from pipelines.publish.assets import network_snapshot, partnership_snapshots
from pipelines.settings import Settings
from pipelines.transform.assets import dbt_models
from pipelines.transform.dbt_project import dbt_project
from pipelines.warehouse import WarehouseResource


def build_definitions(settings: Settings) -> dg.Definitions:
    """Definitions for one set of locations (tests pass temporary ones)."""
    return dg.Definitions(
        assets=[raw_deliveries, dbt_models, network_snapshot, partnership_snapshots],
        sensors=[new_files_sensor],
        schedules=[api_pull_schedule],
        jobs=[dg.define_asset_job("full_pipeline", selection=dg.AssetSelection.all())],
        resources={
            "warehouse": WarehouseResource(
                warehouse_path=str(settings.warehouse_path),
                drop_dir=str(settings.drop_dir),
                landing_dir=str(settings.landing_dir),
                landing_retention_days=settings.landing_retention_days,
                partners_dir=str(settings.partners_dir),
                serving_dir=str(settings.serving_dir),
                pepper_file=str(settings.pepper_file),
                raw_parquet_dir=str(settings.raw_parquet_dir),
            ),
            "dbt": DbtCliResource(project_dir=dbt_project),
        },
    )


defs = build_definitions(Settings.from_env())
