"""The metric catalogue is one definition, rendered in dbt docs without drift."""

from __future__ import annotations

import csv
import json

from pipelines.transform.catalogue_docs import DOCS, SEED, render


def test_docs_block_is_generated_from_the_seed():
    assert DOCS.read_text(encoding="utf-8") == render(), (
        "dbt/models/metrics/metric_catalogue.md is stale: run "
        "python -m pipelines.transform.catalogue_docs"
    )


def test_dbt_docs_show_every_metric(dbt_manifest):
    manifest = json.loads(dbt_manifest.read_text())
    seed = manifest["nodes"]["seed.youth_outcomes.metric_catalogue"]
    with SEED.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) >= 18
    for row in rows:
        assert f"`{row['metric_id']}`" in seed["description"]
        assert row["name_da"] in seed["description"]
    ids = {r["metric_id"] for r in rows}
    design = {"enrolled", "retention_6m", "retention_12m", "attendance_rate", "stable_attendance",
              "progression_positive", "progression_reliable", "attached_at_exit",
              "ordinary_or_flex_job_at_exit", "job_or_education_12m",
              "median_days_to_job_or_education", "dropout_rate"}  # fmt: skip
    assert design <= ids
    assert any(i.startswith("progression_change_") for i in ids)
