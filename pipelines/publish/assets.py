"""The publish asset: the network snapshot the dashboards read."""

from pathlib import Path

import dagster as dg
from dagster_dbt import get_asset_key_for_model

from pipelines.publish.snapshot import NETWORK, publish_snapshot
from pipelines.transform.assets import dbt_models
from pipelines.warehouse import WAREHOUSE_POOL, WarehouseResource


@dg.asset(
    key=["serving", NETWORK],
    group_name="publish",
    kinds={"parquet"},
    pool=WAREHOUSE_POOL,
    deps=[
        get_asset_key_for_model([dbt_models], "metric_values"),
        get_asset_key_for_model([dbt_models], "metric_comparison"),
        get_asset_key_for_model([dbt_models], "success_criteria_status"),
        get_asset_key_for_model([dbt_models], "dim_initiative"),
        get_asset_key_for_model([dbt_models], "dim_partnership"),
        *[
            get_asset_key_for_model([dbt_models], m)
            for m in (
                "dq_deliveries",
                "dq_quarantine_reasons",
                "dq_quarantined_rows",
                "dq_freshness",
            )
        ],
    ],
)
def network_snapshot(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Aggregates for national networks and funders, published atomically for the dashboards.

    Runs only after dbt's build (and so its tests) succeeded in the same run.
    """
    snapshot = publish_snapshot(Path(warehouse.warehouse_path), Path(warehouse.serving_dir))
    if snapshot.rows.get("metric_values", 0) == 0:
        context.log.warning("published a snapshot with no metric values: were there deliveries?")
    return dg.MaterializeResult(
        metadata={
            "version": snapshot.version,
            "path": dg.MetadataValue.path(str(snapshot.path)),
            "data_as_of": snapshot.data_as_of.isoformat(),
            **{f"rows_{name}": n for name, n in snapshot.rows.items()},
        }
    )
