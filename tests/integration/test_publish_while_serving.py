"""The dashboard keeps answering while a pipeline run publishes, and picks up the new snapshot.

A real Streamlit server (its own process) serves the snapshot of the session's world while this
process regenerates the deliveries and runs the whole pipeline again. Meanwhile a watcher keeps
asking the server for health and runs the page headless (AppTest) against the serving folder.
Afterwards the same server, without a restart, shows the new numbers.
"""

from __future__ import annotations

import json
import re
import threading
import time

import duckdb
import httpx
import pandas as pd
import pytest
from playwright.sync_api import expect, sync_playwright
from streamlit.testing.v1 import AppTest

from pipelines.demo.generate import api_dir_for, generate
from pipelines.settings import REPO_ROOT
from tests.browser.test_network_page import CHROMIUM_ARGS
from tests.helpers import (
    StreamlitServer,
    environment_for,
    partner_api_for,
    run_full_pipeline,
    world_settings,
)

pytestmark = [pytest.mark.integration, pytest.mark.browser]

APP = str(REPO_ROOT / "dashboards" / "app.py")


def _enrolled_total(warehouse) -> int:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return int(
            con.sql(
                "select sum(value) from marts.metric_values where metric_id = 'enrolled' "
                "and partnership_id = 'ALL' and period_type = 'cumulative' "
                "and subgroup_type = 'all'"
            ).fetchall()[0][0]
        )
    finally:
        con.close()


def _published(page) -> str:
    caption = page.get_by_text(re.compile(r"^Data opgjort pr\.")).first.inner_text()
    return caption.split("offentliggjort")[-1].strip()


def _touch_api_records(api_dir, stamp: str) -> None:
    """The journal system marks every record as changed now, so the next incremental pull
    (updated_since = the last cursor) fetches the new world's records."""
    for path in api_dir.rglob("*.jsonl"):
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        path.write_text("".join(json.dumps(r | {"updated_at": stamp}) + "\n" for r in records),
                        encoding="utf-8")  # fmt: skip


@pytest.fixture
def served_world(tmp_path, dbt_manifest, artifacts_dir, monkeypatch):
    """A world of its own (this test replaces its deliveries), published and being served."""
    settings = world_settings(tmp_path)
    for key, value in environment_for(settings).items():
        monkeypatch.setenv(key, value)
    generate(settings.drop_dir, tmp_path / "truth", participants=300, seed=5)
    with partner_api_for(settings):
        assert run_full_pipeline(settings).success
        server = StreamlitServer(settings.serving_dir, artifacts_dir / "streamlit-publish.log")
        yield settings, server
        server.stop()


def test_dashboard_answers_during_publish_and_shows_the_new_snapshot(
    served_world, chromium_path, artifacts_dir, tmp_path
):
    settings, dashboard_server = served_world
    errors: list[str] = []
    answered = {"health": 0, "page_runs": 0}
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            try:
                if httpx.get(f"{dashboard_server.url}/_stcore/health", timeout=5).text != "ok":
                    errors.append("health check not ok")
                answered["health"] += 1
                at = AppTest.from_file(APP, default_timeout=60).run()
                if at.exception:
                    errors.append(str(at.exception[0].message))
                elif not at.dataframe:
                    errors.append("network page rendered without a table")
                answered["page_runs"] += 1
            except Exception as exc:
                errors.append(repr(exc))
            time.sleep(0.2)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(dashboard_server.url + "/network", wait_until="domcontentloaded")
        expect(page.get_by_role("heading", name="Indsatser side om side")).to_be_visible(
            timeout=30_000
        )
        before = _published(page)
        old_total = _enrolled_total(settings.warehouse_path)

        # new deliveries: a larger world with more enrolments
        generate(settings.drop_dir, tmp_path / "truth-2", participants=480, seed=8)
        _touch_api_records(api_dir_for(settings.drop_dir), "2025-07-01T00:00:00Z")
        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        try:
            result = run_full_pipeline(settings)
        finally:
            stop.set()
            watcher.join(timeout=120)
        assert result.success, [e.message for e in result.all_events if e.is_failure]
        assert not errors, errors[:5]
        assert answered["health"] >= 3 and answered["page_runs"] >= 3, answered
        new_total = _enrolled_total(settings.warehouse_path)
        # deliveries add to what was delivered before (raw is append-only, latest wins per
        # enrolment): the enrolments of both worlds, each counted once
        keys = set()
        for truth in (tmp_path / "truth", tmp_path / "truth-2"):
            e = pd.read_parquet(truth / "enrolments.parquet")
            keys |= set(zip(e["partner_system"], e["enrolment_id"], strict=True))
        assert new_total == len(keys) > old_total

        page.reload(wait_until="domcontentloaded")
        expect(page.get_by_role("heading", name="Indsatser side om side")).to_be_visible(
            timeout=30_000
        )
        page.wait_for_function(
            "before => !document.body.innerText.includes(before)", arg=before, timeout=30_000
        )
        assert _published(page) != before
        page.screenshot(path=artifacts_dir / "network-page-after-publish.png", full_page=True)
        browser.close()
