"""One ingestion asset per contract entity, keyed ``raw/<entity>`` like the dbt sources."""

from pathlib import Path

import dagster as dg

from pipelines.ingest.contract import ENTITIES, Entity
from pipelines.ingest.load import load_entity
from pipelines.ingest.pseudonymise import load_pepper
from pipelines.warehouse import WAREHOUSE_POOL, WarehouseResource


def _raw_asset(entity: Entity) -> dg.AssetsDefinition:
    key = dg.AssetKey(["raw", entity.name])
    check = dg.AssetCheckSpec("all_deliveries_parsed", asset=key)

    @dg.asset(
        key=key,
        group_name="ingest",
        kinds={"duckdb", "csv"},
        pool=WAREHOUSE_POOL,
        check_specs=[check],
        description=f"Delivered {entity.name} ({entity.description}), pseudonymised, as text.",
    )
    def _load(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
        pepper = load_pepper(Path(warehouse.pepper_file))
        with warehouse.parsing_session() as session:
            report = load_entity(session, Path(warehouse.drop_dir), entity.name, pepper)
        for failed in report.failed:
            context.log.warning(
                f"{entity.name}: delivery {failed.delivery} failed: {failed.reason}"
            )
        return dg.MaterializeResult(
            metadata={
                "rows_loaded": report.rows_loaded,
                "deliveries": len(report.deliveries),
                "failed_deliveries": len(report.failed),
                "rows_without_person_key": report.rows_without_person_key,
            },
            check_results=[
                dg.AssetCheckResult(
                    check_name=check.name,
                    passed=not report.failed,
                    severity=dg.AssetCheckSeverity.WARN,
                    metadata={
                        "failed": [f"{f.delivery}: {f.reason}" for f in report.failed] or "none"
                    },
                )
            ],
        )

    return _load


raw_assets = [_raw_asset(entity) for entity in ENTITIES.values()]
