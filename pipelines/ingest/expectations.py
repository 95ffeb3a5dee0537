"""Great Expectations suites for the raw tables, derived from the contract declaration.

``python -m pipelines.ingest.expectations`` writes one suite per entity to ``expectations/``
(committed; a test fails if they drift from the contract). After each load, the rows loaded in
that run are validated against the suite with GX on a pandas frame (GX 1.x cannot validate
DuckDB directly) and the result becomes a blocking Dagster asset check: the row-level quarantine
should have removed every contract break, so a failing suite means the split and the contract
disagree, and publishing must stop until that is understood.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipelines.ingest.contract import ENTITIES, Entity
from pipelines.ingest.deliveries import raw_columns
from pipelines.ingest.reference import Reference
from pipelines.settings import REPO_ROOT

SUITES_DIR = REPO_ROOT / "expectations"
MAX_VALIDATED_ROWS = 200_000  # larger loads are validated on a uniform random sample
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
PERSON_KEY = r"^[0-9a-f]{64}$"


def suite_path(entity: str) -> Path:
    return SUITES_DIR / f"raw_{entity}.json"


def expectations_for(entity: Entity, ref: Reference) -> list[dict]:
    """The suite's expectations as plain dicts (GX's own JSON form), one rule at a time."""
    out: list[dict] = [
        {"type": "expect_table_columns_to_match_set",
         "kwargs": {"column_set": raw_columns(entity), "exact_match": True}},
        {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "person_key"}},
        {"type": "expect_column_values_to_match_regex",
         "kwargs": {"column": "person_key", "regex": PERSON_KEY}},
    ]  # fmt: skip
    for col in entity.columns:
        if col.kind == "person_id":
            continue
        if col.value_required:
            out.append({"type": "expect_column_values_to_not_be_null",
                        "kwargs": {"column": col.name}})  # fmt: skip
        if col.kind == "code":
            allowed = list(col.codes or ref.codes(col.codes_from))
            out.append({"type": "expect_column_values_to_be_in_set",
                        "kwargs": {"column": col.name, "value_set": allowed}})  # fmt: skip
        elif col.kind == "boolean":
            out.append({"type": "expect_column_values_to_be_in_set",
                        "kwargs": {"column": col.name,
                                   "value_set": ["true", "false"]}})  # fmt: skip
        elif col.kind == "date":
            out.append({"type": "expect_column_values_to_match_regex",
                        "kwargs": {"column": col.name, "regex": ISO_DATE}})  # fmt: skip
        elif col.kind in ("integer", "decimal") and col.minimum is not None:
            out.append({"type": "expect_column_values_to_be_between",
                        "kwargs": {"column": col.name, "min_value": col.minimum,
                                   "max_value": col.maximum}})  # fmt: skip
    for e in out:
        e["meta"] = {"derived_from": f"pipelines/ingest/contract.py:{entity.name}"}
    return out


def suite_json(entity: Entity, ref: Reference) -> dict:
    return {"name": f"raw_{entity.name}", "expectations": expectations_for(entity, ref),
            "meta": {"generated_by": "python -m pipelines.ingest.expectations"}}  # fmt: skip


def write_suites(ref: Reference | None = None) -> list[Path]:
    ref = ref or Reference()
    written = []
    for entity in ENTITIES.values():
        path = suite_path(entity.name)
        path.write_text(json.dumps(suite_json(entity, ref), indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written


@dataclass
class SuiteResult:
    success: bool
    evaluated: int
    failed: list[str]
    rows: int


def validate_frame(entity: str, frame: pd.DataFrame) -> SuiteResult:
    """Validate ``frame`` (raw rows; numeric columns as numbers) with the committed suite."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")  # no calls home from a warehouse
    os.environ.setdefault("TQDM_DISABLE", "1")  # no progress bars in run logs
    import great_expectations as gx

    spec = json.loads(suite_path(entity).read_text(encoding="utf-8"))
    context = gx.get_context(mode="ephemeral")
    suite = gx.ExpectationSuite(
        name=spec["name"],
        expectations=[
            gx.expectations.registry.get_expectation_impl(e["type"])(**e["kwargs"], meta=e["meta"])
            for e in spec["expectations"]
        ],
    )
    batch = (
        context.data_sources.add_pandas("raw")
        .add_dataframe_asset(entity)
        .add_batch_definition_whole_dataframe("loaded")
        .get_batch(batch_parameters={"dataframe": frame})
    )
    result = batch.validate(suite, result_format="SUMMARY")
    failed = [
        f"{r.expectation_config.type}({r.expectation_config.kwargs.get('column', '')})"
        for r in result.results
        if not r.success
    ]
    return SuiteResult(result.success, len(result.results), failed, len(frame))


if __name__ == "__main__":
    for p in write_suites():
        print(p.relative_to(REPO_ROOT))
    sys.exit(0)
