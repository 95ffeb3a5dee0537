"""Where things live, read from environment variables so tests and deployments can move them.

Every path has a default under the repository's ``data/`` folder (git-ignored), which is what
``make demo`` uses. The same ``WAREHOUSE_PATH`` variable is read by dbt's ``profiles.yml``, so
Dagster and dbt can never disagree about which DuckDB file is the warehouse.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = REPO_ROOT / "dbt"
PARTNERS_DIR = REPO_ROOT / "pipelines" / "partners"


def _path(var: str, default: Path) -> Path:
    value = os.environ.get(var)
    return Path(value).expanduser().resolve() if value else default


@dataclass(frozen=True)
class Settings:
    """Resolved locations for one run of the pipeline or the dashboard."""

    data_dir: Path
    drop_dir: Path
    landing_dir: Path
    partners_dir: Path
    warehouse_path: Path
    serving_dir: Path
    pepper_file: Path
    raw_parquet_dir: Path
    landing_retention_days: int = 730

    @classmethod
    def from_env(cls) -> Settings:
        data_dir = _path("OUTCOMES_DATA_DIR", REPO_ROOT / "data")
        return cls(
            data_dir=data_dir,
            drop_dir=_path("OUTCOMES_DROP_DIR", data_dir / "drop"),
            # the one restricted place: original partner files, keyed by checksum
            landing_dir=_path("OUTCOMES_LANDING_DIR", data_dir / "landing"),
            partners_dir=_path("OUTCOMES_PARTNERS_DIR", PARTNERS_DIR),
            # not derived from data_dir: dbt's profiles.yml reads only WAREHOUSE_PATH
            warehouse_path=_path("WAREHOUSE_PATH", REPO_ROOT / "data" / "warehouse.duckdb"),
            serving_dir=_path("OUTCOMES_SERVING_DIR", data_dir / "serving"),
            pepper_file=_path("OUTCOMES_PEPPER_FILE", REPO_ROOT / ".secrets" / "pepper"),
            # like WAREHOUSE_PATH, read by dbt too (the spark target's raw sources)
            raw_parquet_dir=_path("RAW_PARQUET_DIR", data_dir / "raw_parquet"),
            landing_retention_days=int(os.environ.get("OUTCOMES_LANDING_RETENTION_DAYS", "730")),
        )
