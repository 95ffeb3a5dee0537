"""Partner shapes end to end: equivalence of the four shapes, re-delivery idempotency, corrected
re-deliveries, a new partner added by a config file alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
import yaml

from pipelines.demo.generate import generate
from pipelines.ingest.contract import ENTITIES
from pipelines.ingest.deliveries import raw_columns
from pipelines.settings import PARTNERS_DIR
from tests.helpers import (
    WITHOUT_PUBLISH,
    environment_for,
    ingest,
    partner_api_for,
    run_full_pipeline,
    world_settings,
)

# The module fixture runs four whole pipelines, and its time counts against the first test that
# uses it: the suite-wide timeout left too little room on a slow machine.
pytestmark = [pytest.mark.integration, pytest.mark.timeout(1800)]

SHAPES = ("canonical", "jobcenter_export", "company_workbook", "journal_api")
ALL_PARTNERS = None  # filled from the shipped configs
ITEM_COLUMNS = {  # the workbook shape with every instrument's items (a column per item)
    "MOTIVATION": "Motivation", "WORK_IDENTITY": "Arbejdsidentitet", "GOAL_CLARITY": "Mål",
    "LABOUR_MARKET_KNOWLEDGE": "Arbejdsmarked", "MOOD": "Humør", "ENERGY": "Energi",
    "WORRY": "Bekymring", "INTEREST": "Interesse", "REST": "Hvile", "COPE": "Mestring",
    "SOLVE": "Problemløsning", "CALM": "Ro", "GOALS": "Delmål",
}  # fmt: skip


def _shape_configs(shape: str, folder: Path) -> Path:
    """The shipped config of ``shape``, applied to every partner and keyed on CPR numbers (so
    pseudonyms are comparable across shapes)."""
    configs = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in
               PARTNERS_DIR.glob("*.yaml")}  # fmt: skip
    partners = sorted(p for c in configs.values() for p in c["partners"])
    config = configs[shape]
    config["partners"] = partners
    config["person_id"] = "cpr"
    if shape == "company_workbook":
        wide = config["entities"]["measurements"]["wide_scores"]
        wide.pop("instrument")
        wide["instrument_column"] = "Skema"
        wide["items"] = {column: item for item, column in ITEM_COLUMNS.items()}
    folder.mkdir(parents=True)
    (folder / f"{shape}.yaml").write_text(yaml.safe_dump(config, allow_unicode=True))
    return folder


def _raw(settings) -> dict[str, pd.DataFrame]:
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    try:
        out = {}
        for entity in ENTITIES.values():
            cols = [c for c in raw_columns(entity) if not c.startswith("_")] + ["_partner"]
            frame = con.sql(f"select {', '.join(cols)} from raw.{entity.name}").df()
            out[entity.name] = frame.sort_values(cols).reset_index(drop=True)
        out["metric_values"] = (
            con.sql("select * exclude (detail) from marts.metric_values").df()
            .sort_values(["metric_id", "population", "initiative_id", "partnership_id",
                          "period_type", "period_start", "subgroup_type", "subgroup"])
            .reset_index(drop=True)
        )  # fmt: skip
        return out
    finally:
        con.close()


@pytest.fixture(scope="module")
def shape_runs(tmp_path_factory, dbt_manifest):
    """The same world (no defects) through each of the four shapes, each run end to end."""
    runs = {}
    with pytest.MonkeyPatch.context() as mp:
        for shape in SHAPES:
            root = tmp_path_factory.mktemp(shape)
            settings = world_settings(root)
            partners = _shape_configs(shape, root / "partners")
            settings = type(settings)(**{**settings.__dict__, "partners_dir": partners})
            for key, value in environment_for(settings).items():
                mp.setenv(key, value)
            generate(settings.drop_dir, root / "truth", participants=300, seed=7,
                     partners_dir=settings.partners_dir, with_defects=False)  # fmt: skip
            with partner_api_for(settings):
                result = run_full_pipeline(settings, WITHOUT_PUBLISH)
            assert result.success, shape
            runs[shape] = _raw(settings)
    return runs


def test_four_shapes_give_identical_canonical_rows_and_metrics(shape_runs):
    reference = shape_runs["canonical"]
    assert len(reference["attendance"]) > 10_000 and len(reference["metric_values"]) > 1_000
    for shape in SHAPES[1:]:
        for table, frame in reference.items():
            pd.testing.assert_frame_equal(shape_runs[shape][table], frame, obj=f"{shape}.{table}")


def test_pseudonyms_are_the_same_for_the_same_cpr_in_every_shape(shape_runs):
    keys = [set(run["participants"]["person_key"]) for run in shape_runs.values()]
    assert all(k == keys[0] for k in keys) and len(keys[0]) == 300


# ---------------------------------------------------------------- re-delivery on the demo world
def _table_state(warehouse: Path) -> dict[str, pd.DataFrame]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        names = [*ENTITIES, "deliveries", "quarantine"]
        return {n: con.sql(f"select * from raw.{n}").df() for n in names}
    finally:
        con.close()


def test_redelivering_every_demo_file_changes_no_row(pipeline_world, partner_api):
    settings = pipeline_world.settings
    before = _table_state(settings.warehouse_path)
    # every file delivered again, under new names and times, and every API record again
    for path in sorted(settings.drop_dir.rglob("*.*")):
        shutil.copy(path, path.with_name(f"{path.stem}_again{path.suffix}"))
    report = ingest(settings)
    after = _table_state(settings.warehouse_path)
    for path in settings.drop_dir.rglob("*_again.*"):
        path.unlink()
    assert report.delivered == [] and report.unchanged > 40
    for name, frame in before.items():
        pd.testing.assert_frame_equal(after[name], frame, obj=name)


def test_the_demo_correction_supersedes_exactly_the_corrected_rows(pipeline_world):
    con = duckdb.connect(str(pipeline_world.settings.warehouse_path), read_only=True)
    try:
        changed = con.sql("""
            with versions as (
                select person_key, date, attended_hours, _delivery_seq from raw.attendance
                where _partner = 'vejen_aadal')
            select count(*) filter (where n > 1), count(*) filter (where n > 1 and differs)
            from (select person_key, date, count(*) as n,
                         count(distinct attended_hours) > 1 as differs
                  from versions group by all)""").fetchall()[0]
        staged_wrong = con.sql("""
            select count(*) from staging.stg_attendance as s
            join raw.attendance as r on r.person_key = s.person_key
                 and r.date::date = s.attendance_date and r._partner = s.partner
            where s.partner = 'vejen_aadal' and r._delivery_seq < s._delivery_seq""").fetchall()
    finally:
        con.close()
    assert changed == (5, 5)  # five rows re-sent, all five with a new value
    assert staged_wrong[0][0] == 5  # staging keeps the corrected version of exactly those


def test_a_new_partner_is_added_by_a_config_file_alone(tmp_path, monkeypatch):
    """A new partner system (tab-separated, latin-1, its own words) needs only a YAML file."""
    partners = tmp_path / "partners"
    shutil.copytree(PARTNERS_DIR, partners)
    (partners / "fjord_forening.yaml").write_text(
        """
description: Fjord Forening's volunteer register (tab-separated, latin-1)
partners: [fjord_forening]
source: {kind: files}
format: {delimiter: "\\t", encoding: latin-1, date_formats: ["%d.%m.%Y"]}
entities:
  outcomes:
    file: "udfald*.txt"
    columns: {person_id: Medlem, status: Udfald, status_from: Dato}
    values: {status: {Job: ORDINARY_JOB, Skole: EDUCATION_ORDINARY}}
""",
        encoding="utf-8",
    )
    settings = world_settings(tmp_path)
    settings = type(settings)(**{**settings.__dict__, "partners_dir": partners})
    folder = settings.drop_dir / "fjord_forening"
    folder.mkdir(parents=True)
    (folder / "udfald_2025.txt").write_bytes(
        "Medlem\tUdfald\tDato\nF-1\tJob\t01.02.2025\nF-2\tSkole\t15.03.2025\n".encode("latin-1")
    )
    report = ingest(settings, ("files",))
    [record] = report.delivered
    assert (record.partner, record.status, record.rows_loaded) == ("fjord_forening", "loaded", 2)
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    try:
        rows = con.sql("select status, status_from from raw.outcomes order by 2").fetchall()
    finally:
        con.close()
    assert rows == [("ORDINARY_JOB", "2025-02-01"), ("EDUCATION_ORDINARY", "2025-03-15")]


def test_the_same_cpr_from_two_partners_is_one_pseudonym(tmp_path):
    """A jobcenter (semicolon export) and a training site (canonical CSV) both report the same
    young person by CPR number, written differently: the warehouse holds one person_key."""
    settings = world_settings(tmp_path)
    jobcenter = settings.drop_dir / "ressource_hojmark"
    site = settings.drop_dir / "vejen_aadal"
    jobcenter.mkdir(parents=True)
    site.mkdir(parents=True)
    (jobcenter / "status.csv").write_bytes(
        "CPR-nr;Status;Fra\r\n010203-4567;Fleksjob;01-02-2025\r\n".encode("cp1252")
    )
    (site / "outcomes.csv").write_text(
        "person_id,status,status_from\n0102034567,ORDINARY_JOB,2025-03-01\n", encoding="utf-8"
    )
    report = ingest(settings, ("files",))
    assert sorted(d.status for d in report.delivered) == ["loaded", "loaded"]
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    try:
        keys = con.sql("select distinct person_key from raw.outcomes").fetchall()
        partners = con.sql("select count(distinct _partner) from raw.outcomes").fetchall()
    finally:
        con.close()
    assert len(keys) == 1 and partners == [(2,)]
