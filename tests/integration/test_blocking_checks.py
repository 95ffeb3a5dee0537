"""A contract break found by the GX suite stops the run before dbt and publish."""

from __future__ import annotations

import pytest

from pipelines.demo.generate import generate
from pipelines.ingest import assets as ingest_assets
from pipelines.ingest.expectations import SuiteResult
from tests.helpers import environment_for, partner_api_for, run_full_pipeline, world_settings

pytestmark = pytest.mark.integration


def test_failing_contract_suite_blocks_dbt_and_publish(tmp_path, dbt_manifest, monkeypatch):
    settings = world_settings(tmp_path)
    for key, value in environment_for(settings).items():
        monkeypatch.setenv(key, value)
    generate(settings.drop_dir, tmp_path / "truth", participants=120, seed=5)
    real = ingest_assets.validate_frame

    def broken_for_attendance(entity, frame):
        if entity == "attendance":  # as if the quarantine had let a contract break through
            return SuiteResult(False, 10, ["expect_column_values_to_be_in_set(absence_reason)"],
                               len(frame))  # fmt: skip
        return real(entity, frame)

    monkeypatch.setattr(ingest_assets, "validate_frame", broken_for_attendance)
    with partner_api_for(settings):
        result = run_full_pipeline(settings)
    evaluations = [e.event_specific_data for e in result.all_events
                   if e.event_type_value == "ASSET_CHECK_EVALUATION"]  # fmt: skip
    checks = {(c.asset_key.path[-1], c.check_name): c.passed for c in evaluations}
    assert checks[("attendance", "contract_suite")] is False
    assert checks[("participants", "contract_suite")] is True
    materialized = {
        tuple(e.asset_key.path) for e in result.all_events
        if e.event_type_value == "ASSET_MATERIALIZATION"
    }  # fmt: skip
    assert ("raw", "attendance") in materialized
    assert ("serving", "network") not in materialized
    assert not (settings.serving_dir / "network").exists()
