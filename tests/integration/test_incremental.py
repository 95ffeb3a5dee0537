"""Incremental models -- staged attendance and measurements, the attendance facts, the metric
cell sums, the attendance rate, stable attendance and the Kaplan-Meier medians: one new month of
deliveries rebuilds only recent months and the periods whose inputs changed, a withdrawn consent
removes all of that person's history, and each time the result is identical to a full refresh."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipelines.demo.generate import generate
from pipelines.settings import DBT_PROJECT_DIR
from tests.helpers import (
    WITHOUT_PUBLISH,
    environment_for,
    ingest,
    partner_api_for,
    run_full_pipeline,
    world_settings,
)

pytestmark = pytest.mark.integration

TABLES = {
    "staging.stg_attendance": ["person_key", "partner", "attendance_date"],
    "staging.stg_measurements": ["person_key", "partner", "instrument", "item", "assessed_on"],
    "marts.fct_attendance": ["enrolment_key", "attendance_date"],
    "marts.fct_attendance_weekly": ["enrolment_key", "week_start"],
    "marts.fct_attendance_monthly": ["enrolment_key", "attendance_month"],
    "intermediate.int_progression_items": [
        "enrolment_key", "instrument", "item", "assessed_on",
    ],
    "intermediate.int_metric_units": [
        "metric_id", "population", "enrolment_key", "detail", "anchor_date", "x",
    ],
    "marts.metric_values": [
        "metric_id", "population", "initiative_id", "partnership_id", "period_type",
        "period_start", "subgroup_type", "subgroup",
    ],
}  # fmt: skip
NEW_MONTH = "2025-06-01"
CELL_STATS = "intermediate.int_metric_cell_stats"
ATTENDANCE_RATE = "intermediate.int_metric_attendance_rate"
STABLE = "intermediate.int_metric_stable_attendance"
KM = "intermediate.int_metric_km_median"
UNITS = "intermediate.int_metric_units"
ITEMS = "intermediate.int_progression_items"
ATTENDANCE_FACTS = ("marts.fct_attendance", "marts.fct_attendance_weekly",
                    "marts.fct_attendance_monthly")  # fmt: skip
CORRECTED_MONTH = "2024-03-01"


def _dbt_build(settings, target: Path, *extra: str) -> None:
    env = {**os.environ, **environment_for(settings)}
    dbt = Path(sys.executable).parent / "dbt"
    subprocess.run(
        [str(dbt), "build", "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir",
         str(DBT_PROJECT_DIR), "--target-path", str(target), "--quiet", *extra],
        env=env, check=True,
    )  # fmt: skip


def _ingest_and_build(settings, target: Path) -> dict[str, pd.DataFrame]:
    """Ingest what was dropped, run an incremental ``dbt build`` and snapshot the tables."""
    with partner_api_for(settings):
        report = ingest(settings)
    assert not [d for d in report.delivered if d.status == "failed"]
    _dbt_build(settings, target)
    return _snapshot(settings.warehouse_path)


def _assert_same(got: dict[str, pd.DataFrame], want: dict[str, pd.DataFrame]) -> None:
    for table in TABLES:
        pd.testing.assert_frame_equal(got[table], want[table], check_exact=False, rtol=0,
                                      atol=1e-12)  # fmt: skip


def _snapshot(warehouse: Path) -> dict[str, pd.DataFrame]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        snapshot = {}
        for table, keys in TABLES.items():
            # when a row was built and which participants its build saw differ by design
            columns = con.sql(f"select * from {table} limit 0").columns
            bookkeeping = [
                c for c in columns
                if c == "_participants_seen"
                or (c == "_built_at" and table in ("marts.fct_attendance", UNITS, ITEMS))
            ]  # fmt: skip
            exclude = f" exclude ({', '.join(bookkeeping)})" if bookkeeping else ""
            frame = con.sql(f"select *{exclude} from {table}").df()
            snapshot[table] = frame.sort_values(keys).reset_index(drop=True)
        return snapshot
    finally:
        con.close()


def _periods_of(warehouse: Path, enrolment_key: str) -> dict[str, set[tuple]]:
    """The metric periods (initiative, type, start) holding an enrolment's start and end."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        found = {}
        for anchor in ("start", "end"):
            found[anchor] = set(con.sql(
                f"""select e.initiative_id, p.period_type, case p.period_type
                        when 'quarter' then date_trunc('quarter', e.{anchor}_date)
                        when 'half_year' then date_trunc('year', e.{anchor}_date) + interval
                            (case when month(e.{anchor}_date) > 6 then 6 else 0 end) month
                        when 'year' then date_trunc('year', e.{anchor}_date)
                        else i.started_on end::date
                    from marts.fct_enrolment as e
                    join marts.dim_initiative as i using (initiative_id)
                    cross join (values ('quarter'), ('half_year'), ('year'), ('cumulative'))
                        as p (period_type)
                    where e.enrolment_key = ?""", params=[enrolment_key],
            ).fetchall())  # fmt: skip
        assert len(found["end"]) == 4, found
        return found
    finally:
        con.close()


def _holds(period: tuple[str, str], month: str) -> bool:
    """Whether a (period type, start) period holds the month starting on ``month``."""
    period_type, start = period
    length = {"quarter": 3, "half_year": 6, "year": 12}.get(period_type)
    if length is None:  # cumulative: everything since the initiative started
        return True
    first = pd.Timestamp(start)
    return first <= pd.Timestamp(month) < first + pd.DateOffset(months=length)


def _rows_of(con: duckdb.DuckDBPyConnection, table: str, person_key: str) -> int:
    return con.sql(f"select count(*) from {table} where person_key = ?",
                   params=[person_key]).fetchall()[0][0]  # fmt: skip


def _months_out_of_order(warehouse: Path, table: str) -> int:
    """Rows of ``table`` stored after a row of a later month (rowid is the order rows were
    written in): 0 when the table is stored in month order."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.sql(
            "select count(*) from (select date_trunc('month', attendance_date) as month, "
            f"lag(date_trunc('month', attendance_date)) over (order by rowid) as before "
            f"from {table}) where month < before"
        ).fetchall()[0][0]


def _latest_builds(warehouse: Path, tables: tuple[str, ...]) -> dict:
    """When each incremental table last computed rows (its latest ``_built_at``)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {t: con.sql(f"select max(_built_at) from {t}").fetchall()[0][0] for t in tables}
    finally:
        con.close()


def test_new_month_is_incremental_and_equals_full_refresh(tmp_path, dbt_manifest, monkeypatch):
    settings = world_settings(tmp_path)
    for key, value in environment_for(settings).items():
        monkeypatch.setenv(key, value)
    generate(settings.drop_dir, tmp_path / "truth", participants=300, seed=11,
             with_defects=False)  # fmt: skip

    # history first: every delivery without the last month of attendance
    full_files = tmp_path / "full-attendance"
    for f in settings.drop_dir.glob("*/attendance.csv"):
        keep = full_files / f.parent.name
        keep.mkdir(parents=True)
        shutil.copy(f, keep / f.name)
        frame = pd.read_csv(f, dtype=str, keep_default_na=False)
        frame[frame["date"] < NEW_MONTH].to_csv(f, index=False)
    with partner_api_for(settings):
        assert run_full_pipeline(settings, WITHOUT_PUBLISH).success

    # the new month arrives (cumulative files: all history again plus June), and one partner
    # corrects three days of an old month in a separate file
    for f in full_files.glob("*/attendance.csv"):
        shutil.copy(f, settings.drop_dir / f.parent.name / f.name)
    first = sorted(full_files.glob("*/attendance.csv"))[0]
    partner_dir = settings.drop_dir / first.parent.name
    frame = pd.read_csv(first, dtype=str, keep_default_na=False)
    old = frame[frame["date"].str.startswith(CORRECTED_MONTH[:7])].head(3).copy()
    assert len(old) == 3
    old["attended_hours"] = "0.25"
    old.to_csv(partner_dir / "attendance_correction.csv", index=False)
    # ... and corrects the exit status of one enrolment that ended in 2023: its metric units
    # change, so the periods holding them must be computed again (and only those)
    enrolments = pd.read_csv(partner_dir / "enrolments.csv", dtype=str, keep_default_na=False)
    ended = enrolments[enrolments["end_date"].str.startswith("2023-0")
                       & (enrolments["exit_status"] != "")].head(1).copy()  # fmt: skip
    assert len(ended) == 1
    ended["exit_status"] = "DROPOUT" if ended["exit_status"].iat[0] != "DROPOUT" else "ORDINARY_JOB"
    ended.to_csv(partner_dir / "enrolments_correction.csv", index=False)
    corrected = _periods_of(
        settings.warehouse_path, f"{partner_dir.name}:{ended['enrolment_id'].iat[0]}"
    )
    built_before = _latest_builds(
        settings.warehouse_path, (UNITS, ITEMS, CELL_STATS, ATTENDANCE_RATE, STABLE, KM)
    )
    after_incremental = _ingest_and_build(settings, tmp_path / "target-incremental")
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    rebuilt = con.sql(
        "select distinct attendance_month from marts.fct_attendance "
        "where _built_at = (select max(_built_at) from marts.fct_attendance)"
    ).fetchall()
    kept = con.sql(
        "select count(*) from marts.fct_attendance "
        "where _built_at < (select max(_built_at) from marts.fct_attendance)"
    ).fetchall()[0][0]
    # metric units: the enrolments whose units the incremental run computed again
    units_recomputed = {k for (k,) in con.sql(
        f"select distinct enrolment_key from {UNITS} where _built_at > ?",
        params=[built_before[UNITS]],
    ).fetchall()}  # fmt: skip
    enrolments_with_units = con.sql(
        f"select count(distinct enrolment_key) from {UNITS}"
    ).fetchall()[0][0]
    # item scores: the enrolments whose items were tied again, and those whose spells are open
    # (their window of assessments runs to the as-of date)
    items_recomputed, open_with_items = ({k for (k,) in con.sql(
        f"select distinct enrolment_key from {ITEMS} where {where}", params=params,
    ).fetchall()} for where, params in (
        ("_built_at > ?", [built_before[ITEMS]]),
        ("enrolment_key in (select enrolment_key from marts.fct_enrolment "
         "where end_date is null)", []),
    ))  # fmt: skip
    # metric cell sums: the periods the incremental run computed again
    recomputed = set(con.sql(
        "select distinct initiative_id, period_type, period_start "
        f"from {CELL_STATS} where _built_at > ?", params=[built_before[CELL_STATS]],
    ).fetchall())  # fmt: skip
    cell_periods = con.sql(
        "select count(distinct (initiative_id, period_type, period_start)) "
        "from intermediate.int_metric_cell_stats"
    ).fetchall()[0][0]
    # attendance-rate cells: the periods whose attendance months changed
    rate_recomputed = set(con.sql(
        "select distinct period_type, period_start::varchar "
        f"from {ATTENDANCE_RATE} where _built_at > ?", params=[built_before[ATTENDANCE_RATE]],
    ).fetchall())  # fmt: skip
    # stable attendance and the Kaplan-Meier medians: kept by period too
    stable_recomputed, km_recomputed = (
        set(con.sql(f"select distinct initiative_id, period_type, period_start "
                    f"from {table} where _built_at > ?", params=[built_before[table]]).fetchall())
        for table in (STABLE, KM)
    )  # fmt: skip
    stable_periods, km_periods = (
        con.sql(f"select count(distinct (initiative_id, period_type, period_start)) from {table}")
        .fetchall()[0][0]
        for table in (STABLE, KM)
    )  # fmt: skip
    con.close()

    _dbt_build(settings, tmp_path / "target-full", "--full-refresh")
    after_full = _snapshot(settings.warehouse_path)
    # a full build stores the days in month order (stored_by_month), so that an incremental run
    # reads only the row groups of the months it rebuilds
    assert _months_out_of_order(settings.warehouse_path, "staging.stg_attendance") == 0

    _assert_same(after_incremental, after_full)
    # rebuilt: the latest month loaded before (June: the other shapes' partners had delivered
    # it), one lookback month (May) and the corrected old month; all other rows were kept as
    # they were (the re-sent history was identical to what was loaded, so it changed nothing)
    assert sorted(str(m) for (m,) in rebuilt) == [CORRECTED_MONTH, "2025-05-01", NEW_MONTH]
    assert kept > 0.8 * len(after_full["marts.fct_attendance"])
    # metric units: the month brought attendance only (no unit is made of it), so the corrected
    # enrolment's units were the only ones computed again, of all enrolments with units
    assert units_recomputed == {f"{partner_dir.name}:{ended['enrolment_id'].iat[0]}"}, (
        units_recomputed
    )
    assert enrolments_with_units > 100
    # item scores: no score was delivered and no spell changed, so only open spells (whose
    # window moves with the as-of date) can have been tied again -- and never the ended ones
    assert open_with_items and items_recomputed <= open_with_items, items_recomputed
    # metric cells: the corrected enrolment's periods (its end and, through retention, its
    # start) were computed again, all others kept -- and metric_values equals the full refresh
    assert corrected["end"] <= recomputed <= corrected["end"] | corrected["start"], recomputed
    assert len(recomputed) < cell_periods / 4
    # attendance rate: the quarters of the new and the corrected month were computed again, and
    # nothing but periods holding one of them
    assert {("quarter", "2025-04-01"), ("quarter", "2024-01-01")} <= rate_recomputed
    assert all(_holds(p, NEW_MONTH) or _holds(p, CORRECTED_MONTH) for p in rate_recomputed), (
        rate_recomputed
    )
    # stable attendance: only periods whose last 28 days hold the new month, the lookback month
    # rebuilt with it or the corrected month
    assert stable_recomputed and not {
        p for p in stable_recomputed
        if not any(_holds(p[1:], month) for month in (NEW_MONTH, "2025-05-01", CORRECTED_MONTH))
    }  # fmt: skip
    assert len(stable_recomputed) < stable_periods / 4
    # the only KM input this month changed is the corrected enrolment (if its days to a job did)
    assert km_recomputed <= corrected["start"] | corrected["end"], km_recomputed

    # a participant with attendance in months no run rebuilds withdraws consent (a new
    # participants file): the next incremental run removes all their history, and the result is
    # again identical to a full refresh
    participants = pd.read_csv(partner_dir / "participants.csv", dtype=str, keep_default_na=False)
    days = pd.read_csv(first, dtype=str, keep_default_na=False)
    early = set(days.loc[days["date"] < "2024-06-01", "person_id"])
    withdrawn = participants[(participants["consent"] == "true")
                             & participants["person_id"].isin(early)].head(1).copy()  # fmt: skip
    assert len(withdrawn) == 1
    withdrawn["consent"] = "false"
    withdrawn.to_csv(partner_dir / "participants_withdrawal.csv", index=False)
    enrolment = enrolments.loc[enrolments["person_id"] == withdrawn["person_id"].iat[0],
                               "enrolment_id"].iat[0]  # fmt: skip
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    person_key = con.sql(
        "select person_key from marts.fct_enrolment where enrolment_key = ?",
        params=[f"{partner_dir.name}:{enrolment}"],
    ).fetchall()[0][0]
    had = {t: _rows_of(con, t, person_key) for t in ATTENDANCE_FACTS}
    con.close()
    cohort = _periods_of(settings.warehouse_path, f"{partner_dir.name}:{enrolment}")["start"]
    km_before = _latest_builds(settings.warehouse_path, (KM,))[KM]
    assert all(n > 0 for n in had.values()), had
    after_withdrawal = _ingest_and_build(settings, tmp_path / "target-withdrawal")
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    assert {t: _rows_of(con, t, person_key) for t in ATTENDANCE_FACTS} == dict.fromkeys(
        ATTENDANCE_FACTS, 0
    )
    # each fact's rebuilt rows record the withdrawal's delivery as the latest participants seen:
    # the next run looks for withdrawals only among newer records
    withdrawal_seq, latest_seq = con.sql(
        "select (select delivery_seq from raw.deliveries "
        "        where source_name = 'participants_withdrawal.csv'), "
        "       (select max(_delivery_seq) from raw.participants)"
    ).fetchall()[0]
    assert latest_seq >= withdrawal_seq
    assert {
        t: con.sql(f"select max(_participants_seen) from {t}").fetchall()[0][0]
        for t in ATTENDANCE_FACTS
    } == dict.fromkeys(ATTENDANCE_FACTS, latest_seq)
    # the Kaplan-Meier cells of the withdrawn person's start cohorts were computed again (or
    # dropped, for a cohort of no one else)
    km_recomputed, km_now = (set(con.sql(
        f"select distinct initiative_id, period_type, period_start from {KM} where _built_at > ?",
        params=[since],
    ).fetchall()) for since in (km_before, datetime.min))  # fmt: skip
    con.close()
    assert km_recomputed and cohort & km_now <= km_recomputed, km_recomputed
    assert len(km_recomputed) < km_periods / 4
    _dbt_build(settings, tmp_path / "target-full-2", "--full-refresh")
    after_full = _snapshot(settings.warehouse_path)
    _assert_same(after_withdrawal, after_full)
