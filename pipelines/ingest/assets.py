"""Ingestion as Dagster assets: one load step writes ``raw/<entity>``, ``raw/deliveries`` and
``raw/quarantine``; each entity gets a blocking Great Expectations check and a warning check
for failed deliveries. A sensor picks up new drop-folder files; a schedule pulls the APIs."""

from pathlib import Path

import dagster as dg

from pipelines.ingest.contract import ENTITIES
from pipelines.ingest.deliveries import Ingestor, IngestReport, purge_landing
from pipelines.ingest.expectations import MAX_VALIDATED_ROWS, validate_frame
from pipelines.ingest.partners import load_partner_systems
from pipelines.ingest.pseudonymise import load_pepper
from pipelines.ingest.raw_parquet import mirror_raw_parquet
from pipelines.warehouse import WAREHOUSE_POOL, WarehouseResource

RAW_KEYS = {name: dg.AssetKey(["raw", name]) for name in [*ENTITIES, "deliveries", "quarantine"]}


class IngestConfig(dg.Config):
    """Which sources a run fetches: the sensor runs files only, the schedule APIs only."""

    sources: list[str] = ["files", "api"]  # noqa: RUF012  (pydantic copies defaults)


def _describe(name: str) -> str:
    if name in ENTITIES:
        return f"raw.{name}: delivered {name} rows that met the contract, pseudonymised, as text"
    return f"raw.{name}: one row per " + ("delivery" if name == "deliveries" else "violation")


def _checks() -> list[dg.AssetCheckSpec]:
    specs = []
    for entity in ENTITIES:
        key = RAW_KEYS[entity]
        suite = f"GX suite expectations/raw_{entity}.json"
        specs.append(
            dg.AssetCheckSpec("contract_suite", asset=key, blocking=True, description=suite)
        )
        specs.append(dg.AssetCheckSpec("all_deliveries_parsed", asset=key))
    return specs


@dg.multi_asset(
    specs=[
        dg.AssetSpec(key, group_name="ingest", kinds={"duckdb"}, description=_describe(name))
        for name, key in RAW_KEYS.items()
    ],
    check_specs=_checks(),
    pool=WAREHOUSE_POOL,
    can_subset=False,
)
def raw_deliveries(
    context: dg.AssetExecutionContext, config: IngestConfig, warehouse: WarehouseResource
):
    """Land, parse, map, check and load every new delivery of every configured partner."""
    pepper = load_pepper(Path(warehouse.pepper_file))
    systems = load_partner_systems(Path(warehouse.partners_dir))
    with warehouse.parsing_session() as session:
        ingestor = Ingestor(
            session, Path(warehouse.drop_dir), Path(warehouse.landing_dir), systems, pepper
        )
        report = ingestor.run(tuple(config.sources))
        purged = purge_landing(
            session, Path(warehouse.landing_dir), warehouse.landing_retention_days
        )
        if purged:
            context.log.info(f"{purged} landed originals past retention were deleted")
        for record in report.delivered:
            if record.status == "failed":
                context.log.warning(f"delivery {record.delivery_id} failed: {record.error}")
        frames = {e: _loaded_rows(session, report, e) for e in ENTITIES}
        if warehouse.raw_parquet_dir:
            written = mirror_raw_parquet(session, Path(warehouse.raw_parquet_dir))
            context.log.info(f"raw Parquet mirror: files written per table {written}")
    context.log.info(f"{len(report.delivered)} new deliveries, {report.unchanged} already received")
    for entity in ENTITIES:
        yield from _entity_results(entity, report, frames[entity])
    for name in ("deliveries", "quarantine"):
        yield dg.MaterializeResult(asset_key=RAW_KEYS[name])


def _loaded_rows(session, report: IngestReport, entity: str):
    """This run's loaded rows of ``entity`` (sampled above MAX_VALIDATED_ROWS), typed for GX."""
    ids = [d.delivery_id for d in report.for_entity(entity) if d.status != "failed"]
    if not ids:
        return None
    numeric = [c.name for c in ENTITIES[entity].columns if c.kind in ("integer", "decimal")]
    casts = ", ".join(f"try_cast({c} as double) as {c}" for c in numeric)
    replace = f" replace ({casts})" if casts else ""
    sample = f"using sample reservoir({MAX_VALIDATED_ROWS} rows) repeatable (1)"
    return session.execute(
        f"select *{replace} from wh.raw.{entity} where _delivery in "
        f"(select unnest(?::varchar[])) {sample}",
        [ids],
    ).df()


def _entity_results(entity: str, report: IngestReport, frame):
    key = RAW_KEYS[entity]
    records = report.for_entity(entity)
    failed = [r for r in records if r.status == "failed"]
    metadata = {
        "new_deliveries": len(records),
        "rows_read": sum(r.rows_read for r in records),
        "rows_loaded": sum(r.rows_loaded for r in records),
        "rows_quarantined": sum(r.rows_quarantined for r in records),
        "failed_deliveries": len(failed),
    }
    yield dg.MaterializeResult(asset_key=key, metadata=metadata)
    if frame is None:
        suite = dg.AssetCheckResult(asset_key=key, check_name="contract_suite", passed=True,
                                    metadata={"validated_rows": 0})  # fmt: skip
    else:
        result = validate_frame(entity, frame)
        suite = dg.AssetCheckResult(
            asset_key=key, check_name="contract_suite", passed=result.success,
            severity=dg.AssetCheckSeverity.ERROR,
            metadata={"validated_rows": result.rows, "expectations": result.evaluated,
                      "failed_expectations": result.failed or "none"},
        )  # fmt: skip
    yield suite
    yield dg.AssetCheckResult(
        asset_key=key, check_name="all_deliveries_parsed", passed=not failed,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"failed": [f"{r.delivery_id}: {r.error}" for r in failed] or "none"},
    )  # fmt: skip
