"""The dbt project as dagster-dbt sees it.

The manifest is prepared by ``make`` targets, the demo runner and the test session (``dbt
parse``) -- never at import time -- except under ``dagster dev``, where ``prepare_if_dev``
re-parses so edits to models show up in the UI.
"""

from __future__ import annotations

from dagster_dbt import DbtProject

from pipelines.settings import DBT_PROJECT_DIR

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
dbt_project.prepare_if_dev()


def prepare_manifest() -> None:
    """Run ``dbt parse`` so ``manifest.json`` exists before the definitions are imported."""
    dbt_project.preparer.prepare(dbt_project)
