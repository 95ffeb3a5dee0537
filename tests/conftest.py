"""Session fixtures: the dbt manifest, one small generated world run through the real pipeline,
and a Streamlit server on its snapshot."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from pipelines.demo.generate import DEFAULT_PARTICIPANTS, DEFAULT_SEED, generate
from tests.helpers import (
    PYTEST_MAIN,
    StreamlitServer,
    TestWorld,
    environment_for,
    partner_api_for,
    run_full_pipeline,
    world_settings,
)

# pytest-xdist workers run without a __main__ file, which pyspark (imported by Great
# Expectations when it is installed) takes for a doctest run and exits; name pytest's own.
_main = sys.modules["__main__"]
if getattr(_main, "__spec__", None) is None and not hasattr(_main, "__file__"):
    _main.__file__ = PYTEST_MAIN

# dagster-dbt looks for `dbt` on PATH; make it the one of this environment.
os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"

# the demo world itself (default size and seed), so comparisons are tested where users see them
TEST_PARTICIPANTS = DEFAULT_PARTICIPANTS
TEST_SEED = DEFAULT_SEED
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


# Test files that take minutes, longest first (measured inside the suite on the project's
# 2-core VM, fixtures included). `make test` hands whole files to two xdist workers in
# collection order (--dist loadfile --no-loadscope-reorder); starting the longest first keeps
# one of them from arriving last and running alone at the end.
LONGEST_FIRST = (
    "tests/spark/test_same_results.py",  # Spark build ~190-250 s + comparisons ~150 s
    "tests/integration/test_partner_shapes.py",  # four worlds through the pipeline
    "tests/integration/test_publish_while_serving.py",  # two pipeline runs + 8 sessions
    "tests/integration/test_incremental.py",  # a pipeline run + two dbt builds
    "tests/browser/test_roles.py",
    "tests/integration/test_vivirkr_cohort.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The files of LONGEST_FIRST before all others (a stable sort: order within a file and
    among the rest is kept)."""
    rank = {path: i for i, path in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def dbt_manifest() -> Path:
    """dbt parse once per session, before anything imports the Dagster definitions."""
    from filelock import FileLock

    from pipelines.transform.dbt_project import dbt_project, prepare_manifest

    # pytest-xdist workers share dbt/target: one parses at a time (the others re-parse what is
    # already there, which is quick and never reads a half-written manifest)
    target = Path(dbt_project.project_dir) / "target"
    target.mkdir(exist_ok=True)
    with FileLock(str(target / ".parse.lock")):
        prepare_manifest()
    return dbt_project.manifest_path


@pytest.fixture(scope="session")
def world_env(tmp_path_factory):
    """A fresh temporary world folder with the environment pointing at it."""
    root = tmp_path_factory.mktemp("world")
    settings = world_settings(root)
    with pytest.MonkeyPatch.context() as mp:
        for key, value in environment_for(settings).items():
            mp.setenv(key, value)
        yield TestWorld(root=root, settings=settings)


@pytest.fixture(scope="session")
def partner_api(world_env: TestWorld):
    """The bundled partner-system simulator, serving the world's API partners."""
    with partner_api_for(world_env.settings) as simulator:
        yield simulator


@pytest.fixture(scope="session")
def pipeline_world(world_env: TestWorld, dbt_manifest: Path, partner_api) -> TestWorld:
    """A small generated world, run once through the real Dagster + dbt pipeline."""
    generate(world_env.settings.drop_dir, world_env.truth_dir, TEST_PARTICIPANTS, TEST_SEED)
    result = run_full_pipeline(world_env.settings)
    assert result.success, [e.message for e in result.all_events if e.is_failure]
    # every Dagster event of the run, serialised, for the privacy scan
    from dagster._serdes import serialize_value

    with (world_env.root / "dagster-events.jsonl").open("w", encoding="utf-8") as fh:
        for event in result.all_events:
            fh.write(serialize_value(event) + "\n")
    return world_env


@pytest.fixture(scope="session")
def demo_passwords(world_env: TestWorld) -> dict[str, str]:
    """The demo accounts of the test world (username -> password), as ``make demo`` makes them."""
    from dashboards.accounts import create_demo_accounts

    return create_demo_accounts(world_env.root / "accounts.json")


@pytest.fixture(scope="session")
def dashboard_server(pipeline_world: TestWorld, demo_passwords, artifacts_dir: Path):
    server = StreamlitServer(pipeline_world.settings.serving_dir, artifacts_dir / "streamlit.log")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's chromium; required in CI (make test installs it), else the browser tests skip."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: make test installs Debian's chromium in CI")
        pytest.skip("Debian's chromium is not installed (make system-deps installs it)")
    return path
