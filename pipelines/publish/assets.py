"""The publish assets: the network snapshot and one snapshot per partnership."""

from pathlib import Path

import dagster as dg
from dagster_dbt import get_asset_key_for_model

from pipelines.publish.audiences import (
    partnership_ids,
    publish_network,
    publish_partnership,
    read_aggregates,
)
from pipelines.publish.snapshot import NETWORK, PublishedSnapshot
from pipelines.publish.suppression import SuppressionRules
from pipelines.transform.assets import dbt_models
from pipelines.warehouse import WAREHOUSE_POOL, WarehouseResource

PUBLISHED_MODELS = (
    "metric_values", "metric_comparison", "success_criteria_status", "dim_initiative",
    "dim_partnership", "initiative_comparability", "dq_deliveries", "dq_quarantine_reasons",
    "dq_quarantined_rows", "dq_freshness", "fct_enrolment", "fct_enrolment_outcome",
    "fct_attendance_monthly", "fct_progression_item", "fct_outcome_status",
)  # fmt: skip
DEPS = [get_asset_key_for_model([dbt_models], model) for model in PUBLISHED_MODELS]


def _metadata(snapshot: PublishedSnapshot) -> dict:
    return {
        "version": snapshot.version,
        "path": dg.MetadataValue.path(str(snapshot.path)),
        "data_as_of": snapshot.data_as_of.isoformat(),
        **{f"rows_{name}": n for name, n in snapshot.rows.items()},
    }


@dg.asset(key=["serving", NETWORK], group_name="publish", kinds={"parquet"},
          pool=WAREHOUSE_POOL, deps=DEPS)  # fmt: skip
def network_snapshot(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Suppressed aggregates for national networks and funders, published atomically.

    Runs only after dbt's build (and so its tests) succeeded in the same run.
    """
    snapshot = publish_network(
        Path(warehouse.warehouse_path), Path(warehouse.serving_dir), SuppressionRules.from_env()
    )
    if snapshot.rows.get("metric_values", 0) == 0:
        context.log.warning("published a snapshot with no metric values: were there deliveries?")
    return dg.MaterializeResult(metadata=_metadata(snapshot))


@dg.asset(key=["serving", "partnerships"], group_name="publish", kinds={"parquet"},
          pool=WAREHOUSE_POOL, deps=DEPS)  # fmt: skip
def partnership_snapshots(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """One snapshot per partnership: its own participants plus everyone's suppressed aggregates
    (suppressed for a viewer who knows its own cells)."""
    path, serving = Path(warehouse.warehouse_path), Path(warehouse.serving_dir)
    rules = SuppressionRules.from_env()
    aggregates = read_aggregates(path)
    published = {}
    for partnership_id in partnership_ids(path):
        snapshot = publish_partnership(path, serving, partnership_id, rules, aggregates)
        published[partnership_id] = snapshot.rows.get("own_participants", 0)
        context.log.info(f"published {snapshot.audience} ({snapshot.version})")
    return dg.MaterializeResult(
        metadata={"partnerships": len(published), "own_participants": published}
    )
