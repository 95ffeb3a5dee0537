"""Helpers shared by the tests: a generated world in a temp folder and real pipeline runs."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import httpx
import pytest

from pipelines.settings import PARTNERS_DIR, REPO_ROOT, Settings

TEST_PEPPER = "test-pepper-not-a-secret"


@dataclass(frozen=True)
class TestWorld:
    root: Path
    settings: Settings

    @property
    def truth_dir(self) -> Path:
        return self.root / "truth"


# a __main__ file for processes whose main module has none (pytest-xdist workers) or is a
# Streamlit script (after in-process AppTest runs): pytest's own, guarded by __name__
PYTEST_MAIN = str(Path(pytest.__file__).parent / "__main__.py")


def world_settings(root: Path) -> Settings:
    return Settings(
        data_dir=root,
        drop_dir=root / "drop",
        landing_dir=root / "landing",
        partners_dir=PARTNERS_DIR,
        warehouse_path=root / "warehouse.duckdb",
        serving_dir=root / "serving",
        pepper_file=root / "no-pepper-file",
        raw_parquet_dir=root / "raw_parquet",
    )


def environment_for(settings: Settings) -> dict[str, str]:
    """The environment variables that point the pipeline (and dbt) at ``settings``."""
    return {
        "OUTCOMES_DATA_DIR": str(settings.data_dir),
        "OUTCOMES_DROP_DIR": str(settings.drop_dir),
        "OUTCOMES_LANDING_DIR": str(settings.landing_dir),
        "OUTCOMES_PARTNERS_DIR": str(settings.partners_dir),
        "OUTCOMES_SERVING_DIR": str(settings.serving_dir),
        "WAREHOUSE_PATH": str(settings.warehouse_path),
        "RAW_PARQUET_DIR": str(settings.raw_parquet_dir),
        "OUTCOMES_PEPPER": TEST_PEPPER,
        "OUTCOMES_ACCOUNTS_FILE": str(settings.data_dir / "accounts.json"),
    }


def run_full_pipeline(
    settings: Settings, selection: dg.AssetSelection | None = None
) -> dg.ExecuteInProcessResult:
    """Materialise the asset graph in-process -- ingest, dbt build (real dbt), publish -- or
    only ``selection`` of it."""
    from pipelines.definitions import build_definitions

    defs = build_definitions(settings)
    with dg.instance_for_test() as instance:
        if selection is None:
            job = defs.resolve_job_def("full_pipeline")
            return job.execute_in_process(instance=instance, raise_on_error=False)
        job = dg.define_asset_job("selected", selection=selection)
        resolved = dg.Definitions.merge(defs, dg.Definitions(jobs=[job])).resolve_job_def(
            "selected"
        )
        return resolved.execute_in_process(instance=instance, raise_on_error=False)


# everything up to the snapshots: ingestion and the dbt build
WITHOUT_PUBLISH = dg.AssetSelection.all() - dg.AssetSelection.groups("publish")
PUBLISH_ONLY = dg.AssetSelection.groups("publish")


def ingest(settings: Settings, sources: tuple[str, ...] = ("files", "api")):
    """Run the real ingestion (as the Dagster asset does) outside Dagster; returns its report."""
    import duckdb

    from pipelines.ingest.deliveries import Ingestor
    from pipelines.ingest.partners import load_partner_systems

    con = duckdb.connect()
    try:
        con.execute("attach ? as wh", [str(settings.warehouse_path)]).fetchall()
        systems = load_partner_systems(settings.partners_dir)
        ingestor = Ingestor(
            con, settings.drop_dir, settings.landing_dir, systems, TEST_PEPPER.encode()
        )
        return ingestor.run(sources)
    finally:
        con.close()


def delivered_person_keys(participants, partners_dir: Path = PARTNERS_DIR) -> list[str]:
    """The pseudonyms the warehouse should hold for truth ``participants``: keyed from the CPR
    number where the partner's system delivers CPR numbers, else from its own person ID."""
    from pipelines.ingest.partners import load_partner_systems
    from pipelines.ingest.pseudonymise import person_key

    cpr_partners = {
        p for s in load_partner_systems(partners_dir).values() if s.person_id == "cpr"
        for p in s.partners
    }  # fmt: skip
    return [
        person_key(cpr if system in cpr_partners else pid, system, TEST_PEPPER.encode())
        for pid, cpr, system in zip(participants["person_id"], participants["cpr"],
                                    participants["partner_system"], strict=True)
    ]  # fmt: skip


@contextmanager
def partner_api_for(settings: Settings):
    """The partner-system simulator serving ``settings``' own world, with the journal config's
    URL and token variables pointing at it for the duration (restored afterwards)."""
    import pytest

    from pipelines.demo.generate import api_dir_for
    from pipelines.demo.partner_api import (
        DEMO_TOKEN,
        DEMO_TOKEN_ENV,
        DEMO_URL_ENV,
        PartnerApiSimulator,
    )

    simulator = PartnerApiSimulator(api_dir_for(settings.drop_dir), token=DEMO_TOKEN).start()
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv(DEMO_TOKEN_ENV, DEMO_TOKEN)
            mp.setenv(DEMO_URL_ENV, simulator.url)
            yield simulator
    finally:
        simulator.stop()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StreamlitServer:
    """A real ``streamlit run`` of the dashboards, in its own process, on a free port."""

    def __init__(self, serving_dir: Path, log_file: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "OUTCOMES_SERVING_DIR": str(serving_dir)}
        self._log = log_file.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "dashboards" / "app.py"),
                "--server.headless=true", f"--server.port={self.port}",
                "--server.address=127.0.0.1", "--browser.gatherUsageStats=false",
            ],
            cwd=REPO_ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.healthy():
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"streamlit did not start; see {log_file}")

    def healthy(self) -> bool:
        try:
            return httpx.get(f"{self.url}/_stcore/health", timeout=2).text == "ok"
        except httpx.HTTPError:
            return False

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self._log.close()
