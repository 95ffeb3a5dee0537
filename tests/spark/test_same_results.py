"""The same dbt project on Spark gives the same warehouse as on DuckDB (issue 7).

The demo world's DuckDB pipeline (the session's ``pipeline_world``) also wrote the raw Parquet
mirror; dbt builds every model, seed and data test from that mirror on a local Spark, and every
relation -- seeds, staging views, marts, metrics -- must equal its DuckDB build: the same columns,
the same rows, numbers within 1e-9."""

from __future__ import annotations

import datetime as dt
import json
import os

import duckdb
import pandas as pd
import pytest

from pipelines.settings import DBT_PROJECT_DIR
from pipelines.transform.spark import SPARK_TARGET_PATH, run_dbt_on_spark
from tests.spark.compare import differences

# the first test's setup builds the demo world (DuckDB) and then the whole project on a local
# Spark, slower still with the suite's other worker busy, so the suite-wide timeout (setup
# included) is too tight for it
pytestmark = [pytest.mark.spark, pytest.mark.integration, pytest.mark.timeout(1500)]


@pytest.fixture(scope="module")
def spark(pipeline_world):
    """dbt build on the spark target from the world's Parquet mirror; the Spark session."""
    if os.environ.get("CI") is None:
        pytest.importorskip("pyspark", reason="make install-spark installs pyspark")
    os.environ.setdefault("SPARK_DRIVER_MEMORY", "2g")
    result = run_dbt_on_spark(pipeline_world.settings, ["build", "--full-refresh"])
    failures = [
        f"{r.node.name}: {r.message}"
        for r in getattr(result.result, "results", [])
        if r.status not in ("success", "pass")
    ]
    assert result.success, failures or result.exception
    from pyspark.sql import SparkSession

    session = SparkSession.builder.getOrCreate()
    session.conf.set("spark.sql.execution.arrow.pyspark.enabled", "true")  # fast toPandas
    return session


@pytest.fixture(scope="module")
def relations(spark) -> list[tuple[str, str]]:
    """(schema, name) of every model and seed dbt built on Spark."""
    manifest = json.loads((DBT_PROJECT_DIR / SPARK_TARGET_PATH / "manifest.json").read_text())
    return sorted(
        (node["schema"], node["alias"])
        for node in manifest["nodes"].values()
        if node["resource_type"] in ("model", "seed")
        and node["config"]["materialized"] != "ephemeral"
    )


def test_every_relation_equals_its_duckdb_build(spark, relations, pipeline_world):
    con = duckdb.connect(str(pipeline_world.settings.warehouse_path), read_only=True)
    problems, compared = [], 0
    try:
        for schema, name in relations:
            duck = con.sql(f"select * from {schema}.{name}").df()
            on_spark = spark.table(f"{schema}.{name}").toPandas()
            problems += differences(f"{schema}.{name}", duck, on_spark)
            compared += len(duck)
    finally:
        con.close()
    assert len(relations) >= 40, relations
    assert compared > 100_000
    assert not problems, "\n".join(problems)


def test_the_metric_table_is_the_same_and_not_empty(spark, pipeline_world):
    """The headline table on its own, with its size, so a failure names it first."""
    con = duckdb.connect(str(pipeline_world.settings.warehouse_path), read_only=True)
    try:
        duck = con.sql("select * from marts.metric_values").df()
    finally:
        con.close()
    on_spark = spark.table("marts.metric_values").toPandas()
    assert len(duck) > 10_000 and duck["value"].notna().sum() > 1_000
    assert differences("marts.metric_values", duck, on_spark) == []


def test_a_diverging_model_would_be_caught():
    """The comparison itself: row order and float noise below 1e-9 do not count; a value off by
    more, a missing row, a changed text, flag or date, a null or a renamed column each do."""
    base = pd.DataFrame({
        "k": ["a", "b", "c"], "v": [0.1, 0.2, 1 / 3], "n": [1, 2, 3], "flag": [True, False, None],
        "d": pd.to_datetime(["2024-01-01", "2024-07-01", "2025-01-01"]),
    })  # fmt: skip
    assert differences("t", base, base.sample(frac=1, random_state=1)) == []
    assert differences("t", base, base.assign(v=base["v"] + 1e-12)) == []
    as_dates = base.assign(d=[dt.date(2024, 1, 1), dt.date(2024, 7, 1), dt.date(2025, 1, 1)])
    assert differences("t", base, as_dates) == []  # Spark returns dates, DuckDB timestamps
    assert differences("t", base, base.assign(v=base["v"] + 1e-8))
    assert differences("t", base, base.iloc[:2])
    assert differences("t", base, base.assign(k=["a", "b", "x"]))
    assert differences("t", base, base.rename(columns={"n": "m"}))
    assert differences("t", base, base.assign(n=[1, 2, None]))
    assert differences("t", base, base.assign(flag=[True, True, None]))
    moved = pd.to_datetime(["2024-01-01", "2024-07-01", "2025-01-02"])
    assert differences("t", base, base.assign(d=moved))


INCREMENTAL = ("fct_attendance", "fct_attendance_monthly", "fct_attendance_weekly")


def test_an_incremental_run_on_spark_overwrites_its_months_and_keeps_the_rows(
    spark, pipeline_world
):
    """The attendance models run again incrementally on Spark (insert_overwrite of the rebuilt
    month and week partitions): the run rebuilds something and the tables still equal DuckDB's."""
    before = spark.table("marts.fct_attendance").agg({"_built_at": "max"}).collect()[0][0]
    result = run_dbt_on_spark(pipeline_world.settings, ["run", "--select", *INCREMENTAL])
    assert result.success, result.exception
    rebuilt = spark.sql(
        f"select count(*) from marts.fct_attendance where _built_at > timestamp'{before}'"
    ).collect()[0][0]
    total = spark.table("marts.fct_attendance").count()
    assert 0 < rebuilt < total  # only the recent months were rebuilt
    con = duckdb.connect(str(pipeline_world.settings.warehouse_path), read_only=True)
    try:
        for name in INCREMENTAL:
            duck = con.sql(f"select * from marts.{name}").df()
            assert differences(name, duck, spark.table(f"marts.{name}").toPandas()) == []
    finally:
        con.close()


def test_a_withdrawn_consent_leaves_no_row_on_spark(spark, pipeline_world):
    """Everyone who attended in the first week withdraws consent (a new participants delivery in
    the Parquet mirror). An incremental Spark run removes them from all attendance tables: the
    months they shared with others are overwritten without them, and the first week, which held
    nobody else, is dropped (Parquet has no DELETE)."""
    settings = pipeline_world.settings
    first_week = spark.sql("select min(week_start) from marts.fct_attendance_weekly").collect()[0][
        0
    ]
    people = [
        r[0]
        for r in spark.sql(
            "select distinct person_key from marts.fct_attendance_weekly "
            f"where week_start = date'{first_week}'"
        ).collect()
    ]
    assert people
    withdrawal = settings.raw_parquet_dir / "participants" / "999999999999.parquet"
    con = duckdb.connect()
    try:
        keys = ", ".join(f"'{k}'" for k in people)
        con.execute(
            f"""copy (
                select * replace ('false' as consent, 'test/withdrawal' as _delivery,
                                  999999 as _delivery_seq)
                from read_parquet('{settings.raw_parquet_dir}/participants/*.parquet')
                where person_key in ({keys})
            ) to '{withdrawal}' (format parquet)"""
        ).fetchall()
        result = run_dbt_on_spark(
            settings, ["run", "--select", "int_participants", "fct_enrolment", *INCREMENTAL]
        )
        assert result.success, result.exception
    finally:
        con.close()
        withdrawal.unlink()
    for name in INCREMENTAL:
        left = spark.sql(
            f"select count(*) from marts.{name} where person_key in ({keys})"
        ).collect()[0][0]
        assert left == 0, name
    weeks = spark.sql(
        f"select count(*) from marts.fct_attendance_weekly where week_start = date'{first_week}'"
    ).collect()[0][0]
    assert weeks == 0
    assert spark.table("marts.fct_attendance_weekly").count() > 1_000
