"""The GX suites in expectations/ are derived from the contract and catch what it forbids."""

from __future__ import annotations

import json

import pandas as pd

from pipelines.ingest.contract import ENTITIES
from pipelines.ingest.expectations import suite_json, suite_path, validate_frame
from pipelines.ingest.reference import Reference


def test_committed_suites_equal_the_contract():
    """Fails when the contract changes and `python -m pipelines.ingest.expectations` was not run."""
    for entity in ENTITIES.values():
        committed = json.loads(suite_path(entity.name).read_text(encoding="utf-8"))
        assert committed == suite_json(entity, Reference()), entity.name


def _attendance(**changes) -> pd.DataFrame:
    row = {"person_key": "a" * 64, "date": "2024-03-01", "planned_hours": 7.0,
           "attended_hours": 6.5, "absence_reason": None, "enrolment_id": "E1",
           "_partner": "p", "_delivery": "d", "_source_row": 1, "_loaded_at": pd.Timestamp(0),
           "_delivery_seq": 1}  # fmt: skip
    return pd.DataFrame([row | changes])


def test_gx_suite_passes_contract_rows_and_fails_each_break():
    assert validate_frame("attendance", _attendance()).success
    for change, expectation in [
        ({"absence_reason": "holiday"}, "expect_column_values_to_be_in_set(absence_reason)"),
        ({"planned_hours": 30.0}, "expect_column_values_to_be_between(planned_hours)"),
        ({"date": "01-03-2024"}, "expect_column_values_to_match_regex(date)"),
        ({"person_key": "010190-1234"}, "expect_column_values_to_match_regex(person_key)"),
    ]:
        result = validate_frame("attendance", _attendance(**change))
        assert not result.success and expectation in result.failed, change
    extra = _attendance().assign(cpr="x")
    assert "expect_table_columns_to_match_set()" in validate_frame("attendance", extra).failed
