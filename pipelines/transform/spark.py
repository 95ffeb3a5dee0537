"""The dbt project on Apache Spark: the same models, target ``spark`` of ``dbt/profiles.yml``.

DuckDB is the embedded default. A network or ministry that outgrows one machine runs the same
project on Spark: this module runs it on a local Spark (pyspark in session mode, the optional
``spark`` dependency group), reading the raw Parquet mirror the ingestion writes, so no DuckDB
file is involved. ``python -m pipelines.transform.spark [dbt arguments]`` runs ``dbt build``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from pipelines.settings import DBT_PROJECT_DIR, Settings

# dbt's compiled files for Spark go beside, not over, the DuckDB manifest Dagster reads
SPARK_TARGET_PATH = "target-spark"


def spark_environment(settings: Settings) -> dict[str, str]:
    """What the ``spark`` target reads: the raw Parquet mirror, and where Spark keeps its tables
    and its (embedded Derby) metastore -- all under the data folder."""
    spark_dir = settings.data_dir / "spark"
    return {
        "RAW_PARQUET_DIR": str(settings.raw_parquet_dir),
        "SPARK_WAREHOUSE_DIR": str(spark_dir / "warehouse"),
        "SPARK_METASTORE_DIR": str(spark_dir / "metastore"),
    }


def run_dbt_on_spark(settings: Settings, args: Sequence[str] = ("build",)):
    """Run dbt with ``args`` on the spark target in this process (the Spark session stays open
    afterwards, so callers can read the tables it built); returns dbt's result."""
    from dbt.cli.main import dbtRunner

    if not (settings.raw_parquet_dir / "deliveries").is_dir():
        raise FileNotFoundError(
            f"no raw Parquet mirror in {settings.raw_parquet_dir}: run the ingestion first "
            "(python -m pipelines.demo run, or the Dagster job), which writes it"
        )
    os.environ.update(spark_environment(settings))
    (settings.data_dir / "spark").mkdir(parents=True, exist_ok=True)
    return dbtRunner().invoke(
        [
            *args,
            "--target", "spark",
            "--project-dir", str(DBT_PROJECT_DIR),
            "--profiles-dir", str(DBT_PROJECT_DIR),
            "--target-path", SPARK_TARGET_PATH,
        ]
    )  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    result = run_dbt_on_spark(Settings.from_env(), list(argv or sys.argv[1:]) or ["build"])
    return 0 if result.success else 1


if __name__ == "__main__":
    raise SystemExit(main())
