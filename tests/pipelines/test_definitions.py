"""The Dagster definitions load, and the lineage joins from partner files to the dashboard."""

from __future__ import annotations

import dagster as dg
import pytest

from pipelines.ingest.contract import ENTITIES


@pytest.fixture(scope="module")
def defs(dbt_manifest, tmp_path_factory):
    from pipelines.definitions import build_definitions
    from tests.helpers import world_settings

    return build_definitions(world_settings(tmp_path_factory.mktemp("defs")))


def test_definitions_load_and_validate(defs):
    dg.Definitions.validate_loadable(defs)
    assert defs.resolve_job_def("full_pipeline") is not None


def test_module_level_definitions_import(dbt_manifest):
    from pipelines.definitions import defs

    assert dg.AssetKey(["serving", "network"]) in defs.resolve_asset_graph().get_all_asset_keys()


def test_raw_assets_feed_the_dbt_staging_models(defs):
    graph = defs.resolve_asset_graph()
    for entity in ENTITIES:
        parents = graph.get(dg.AssetKey(["staging", f"stg_{entity}"])).parent_keys
        assert dg.AssetKey(["raw", entity]) in parents


def test_publish_depends_on_the_metric_table(defs):
    graph = defs.resolve_asset_graph()
    assert (
        dg.AssetKey(["marts", "metric_values"])
        in graph.get(dg.AssetKey(["serving", "network"])).parent_keys
    )


def test_dbt_tests_are_asset_checks(defs):
    checks = defs.resolve_asset_graph().asset_check_keys
    names = {c.name for c in checks}
    assert "only_consenting_participants_fct_attendance_" in names
    assert any(c.asset_key == dg.AssetKey(["marts", "metric_values"]) for c in checks)


def test_every_warehouse_writer_shares_one_pool(defs):
    from pipelines.warehouse import WAREHOUSE_POOL

    for assets_def in defs.resolve_asset_graph().assets_defs:
        if assets_def.is_executable and assets_def.node_def is not None:
            assert assets_def.node_def.pool == WAREHOUSE_POOL, assets_def.keys


def test_ingestion_writes_every_raw_table_with_blocking_contract_checks(defs):
    graph = defs.resolve_asset_graph()
    keys = graph.get_all_asset_keys()
    for name in [*ENTITIES, "deliveries", "quarantine"]:
        assert dg.AssetKey(["raw", name]) in keys
    checks = {(c.asset_key.path[-1], c.name): c for c in graph.asset_check_keys}
    for entity in ENTITIES:
        assert (entity, "contract_suite") in checks and (entity, "all_deliveries_parsed") in checks
    spec = next(
        s for s in defs.resolve_assets_def(dg.AssetKey(["raw", "attendance"])).check_specs
        if s.name == "contract_suite"
    )  # fmt: skip
    assert spec.blocking


def test_data_quality_marts_feed_the_published_snapshot(defs):
    parents = defs.resolve_asset_graph().get(dg.AssetKey(["serving", "network"])).parent_keys
    assert dg.AssetKey(["marts", "dq_deliveries"]) in parents
    dq = defs.resolve_asset_graph().get(dg.AssetKey(["marts", "dq_deliveries"])).parent_keys
    assert dg.AssetKey(["raw", "deliveries"]) in dq


def test_sensor_requests_a_files_run_only_when_the_drop_folders_change(defs, tmp_path):
    from pipelines.ingest.automation import new_files_sensor
    from pipelines.warehouse import WarehouseResource

    drop = tmp_path / "drop"
    (drop / "partner_a").mkdir(parents=True)
    warehouse = WarehouseResource(
        warehouse_path=str(tmp_path / "w.duckdb"), drop_dir=str(drop),
        landing_dir=str(tmp_path / "landing"), partners_dir=str(tmp_path),
        serving_dir=str(tmp_path / "serving"), pepper_file=str(tmp_path / "pepper"),
    )  # fmt: skip

    def evaluate(cursor):
        with dg.build_sensor_context(cursor=cursor, resources={"warehouse": warehouse}) as ctx:
            return new_files_sensor(ctx), ctx.cursor

    (drop / "partner_a" / "attendance.csv").write_text("person_id,date\n")
    request, cursor = evaluate(None)
    assert isinstance(request, dg.RunRequest)
    assert request.run_config["ops"]["raw_deliveries"]["config"]["sources"] == ["files"]
    skip, same = evaluate(cursor)
    assert isinstance(skip, dg.SkipReason) and same == cursor
    (drop / "partner_a" / "attendance_2.csv").write_text("person_id,date\n")
    again, _ = evaluate(cursor)
    assert isinstance(again, dg.RunRequest) and again.run_key != request.run_key
    assert defs.resolve_sensor_def("new_files_sensor").job_name == "full_pipeline"


def test_schedule_pulls_only_the_apis(defs):
    schedule = defs.resolve_schedule_def("api_pull_schedule")
    config = schedule.evaluate_tick(dg.build_schedule_context()).run_requests[0].run_config
    assert config["ops"]["raw_deliveries"]["config"]["sources"] == ["api"]
