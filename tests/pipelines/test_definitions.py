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
