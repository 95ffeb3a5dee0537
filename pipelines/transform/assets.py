"""dbt models as Dagster assets, dbt tests as asset checks, in one ``dbt build`` step."""

import dagster as dg
from dagster_dbt import DbtCliResource, dbt_assets

from pipelines.transform.dbt_project import dbt_project
from pipelines.warehouse import WAREHOUSE_POOL


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project, pool=WAREHOUSE_POOL)
def dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    """Staging, marts and the metric table, built and tested by dbt."""
    yield from dbt.cli(["build"], context=context).stream()
