"""The dashboard keeps answering while a pipeline run publishes, and picks up the new snapshot.

A real Streamlit server (its own process) serves the snapshots of the test's world while this
process regenerates the deliveries, ingests and builds them, and then publishes. During the
publish 8 headless sessions (AppTest, one process each, every role) keep running their pages
against the serving folder and a watcher keeps asking the server for health. Afterwards the
signed-in browser page, without a server restart, shows the new numbers.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import queue
import re
import sys
import threading
import time
import types

import duckdb
import httpx
import pandas as pd
import pytest
from playwright.sync_api import expect, sync_playwright

from dashboards.accounts import create_demo_accounts, demo_accounts
from pipelines.demo.generate import api_dir_for, generate
from tests.browser.test_roles import CHROMIUM_ARGS, sign_in
from tests.helpers import (
    PUBLISH_ONLY,
    PYTEST_MAIN,
    WITHOUT_PUBLISH,
    StreamlitServer,
    environment_for,
    partner_api_for,
    run_full_pipeline,
    world_settings,
)
from tests.load_sessions import run_session

# the whole publish runs inside this test while 8 sessions share the machine's two cores, so the
# suite-wide timeout (setup included) is too tight for it
pytestmark = [pytest.mark.integration, pytest.mark.browser, pytest.mark.timeout(1500)]


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
    passwords = create_demo_accounts(tmp_path / "accounts.json")
    generate(settings.drop_dir, tmp_path / "truth", participants=300, seed=5)
    with partner_api_for(settings):
        assert run_full_pipeline(settings).success
        server = StreamlitServer(settings.serving_dir, artifacts_dir / "streamlit-publish.log")
        yield settings, server, passwords
        server.stop()


def _wait_until_ready(ready, sessions, timeout: float = 300) -> set[str]:
    """The users whose sessions rendered their first page; fails at once if a session died."""
    users: set[str] = set()
    deadline = time.monotonic() + timeout
    while len(users) < len(sessions):
        dead = [s.exitcode for s in sessions if s.exitcode not in (None, 0)]
        assert not dead, f"a dashboard session process died (exit codes {dead})"
        assert time.monotonic() < deadline, f"sessions not ready after {timeout} s: {users}"
        with contextlib.suppress(queue.Empty):
            users.add(ready.get(timeout=1))
    return users


# 8 concurrent sessions over every role: demo accounts (with their real scopes) of the network,
# the admin, two funders and four partnerships
_ACCOUNTS = {user: (user, role, scope) for user, role, scope in demo_accounts()}
SESSIONS = [_ACCOUNTS[u] for u in ("netvaerk", "admin", "funder1", "funder2", "bro-ost",
                                   "lae-nord", "res-hoj", "vej-aadal")]  # fmt: skip


def test_dashboard_answers_during_publish_and_shows_the_new_snapshot(
    served_world, chromium_path, artifacts_dir, tmp_path, monkeypatch
):
    """New deliveries are ingested and built; then 8 dashboard sessions (one process each,
    every role) run their pages while the pipeline publishes all snapshots, and the server's
    health is polled over HTTP throughout. Zero errors; page times (p50/p95) go to
    test-artifacts/load-during-publish.json."""
    settings, dashboard_server, passwords = served_world
    # AppTest runs in this process leave the app script as __main__; spawned session processes
    # would re-run it on start-up, so give them a neutral __main__
    neutral = types.ModuleType("__main__")
    neutral.__file__ = PYTEST_MAIN
    monkeypatch.setitem(sys.modules, "__main__", neutral)
    errors: list[str] = []
    health = {"answered": 0}
    stop = threading.Event()
    stop_file = tmp_path / "stop-sessions"
    env = {k: v for k, v in os.environ.items() if k.startswith(("OUTCOMES_", "WAREHOUSE"))}

    def poll_health() -> None:
        while not stop.is_set():
            try:
                if httpx.get(f"{dashboard_server.url}/_stcore/health", timeout=5).text != "ok":
                    errors.append("health check not ok")
                health["answered"] += 1
            except httpx.HTTPError as exc:
                errors.append(repr(exc))
            time.sleep(0.5)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        sign_in(page, dashboard_server.url, "netvaerk", passwords["netvaerk"])
        expect(page.get_by_role("heading", name="Indsatser side om side")).to_be_visible(
            timeout=30_000
        )
        before = _published(page)
        old_total = _enrolled_total(settings.warehouse_path)

        # new deliveries: a larger world with more enrolments
        generate(settings.drop_dir, tmp_path / "truth-2", participants=480, seed=8)
        _touch_api_records(api_dir_for(settings.drop_dir), "2025-07-01T00:00:00Z")
        built = run_full_pipeline(settings, WITHOUT_PUBLISH)
        assert built.success, [e.message for e in built.all_events if e.is_failure]
        context = multiprocessing.get_context("spawn")
        results, ready = context.Queue(), context.Queue()
        sessions = [
            context.Process(target=run_session, args=(*s, env, str(stop_file), results, ready))
            for s in SESSIONS
        ]
        for session in sessions:
            session.start()
        watcher = threading.Thread(target=poll_health, daemon=True)
        watcher.start()
        publish_start = publish_end = time.time()
        try:
            # every session has rendered a page before the publish begins
            started_sessions = _wait_until_ready(ready, sessions)
            publish_start = time.time()
            result = run_full_pipeline(settings, PUBLISH_ONLY)
        finally:
            publish_end = time.time()
            time.sleep(3)  # and keeps serving right after it
            stop_file.touch()
            stop.set()
            outcomes = [results.get(timeout=300) for s in sessions if s.exitcode in (None, 0)]
            for session in sessions:
                session.join(timeout=60)
            watcher.join(timeout=30)
        assert result.success, [e.message for e in result.all_events if e.is_failure]
        for _, _, session_errors in outcomes:
            errors += session_errors
        timings = pd.DataFrame(
            [(user, *t) for user, ts, _ in outcomes for t in ts],
            columns=["user", "page", "seconds", "start", "end"],
        )
        during = timings[(timings.start < publish_end) & (timings.end > publish_start)]
        report = {
            "sessions": len(sessions),
            "publish_run_seconds": round(publish_end - publish_start, 1),
            "page_runs_during_publish": len(during),
            "sessions_rendering_during_publish": during.user.nunique(),
            "page_runs": len(timings),
            "p50_seconds": round(float(timings.seconds.quantile(0.5)), 3),
            "p95_seconds": round(float(timings.seconds.quantile(0.95)), 3),
            "max_seconds": round(float(timings.seconds.max()), 3),
            "p95_by_page": timings.groupby("page").seconds.quantile(0.95).round(3).to_dict(),
            "errors": len(errors),
            "health_checks": health["answered"],
        }
        (artifacts_dir / "load-during-publish.json").write_text(json.dumps(report, indent=2))
        print("load during publish:", json.dumps(report))
        assert not errors, errors[:5]
        assert started_sessions == {user for user, _, _ in SESSIONS}
        assert health["answered"] >= 3 and during.user.nunique() == len(SESSIONS), report
        new_total = _enrolled_total(settings.warehouse_path)
        # deliveries add to what was delivered before (raw is append-only, latest wins per
        # enrolment): the enrolments of both worlds, each counted once
        keys = set()
        for truth in (tmp_path / "truth", tmp_path / "truth-2"):
            e = pd.read_parquet(truth / "enrolments.parquet")
            keys |= set(zip(e["partner_system"], e["enrolment_id"], strict=True))
        assert new_total == len(keys) > old_total

        # the open page picks up the new snapshot on its next run (a rerun, same session)
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Sammenlign indsatser").click()
        page.wait_for_function(
            "before => !document.body.innerText.includes(before)", arg=before, timeout=30_000
        )
        assert _published(page) != before
        page.screenshot(path=artifacts_dir / "network-page-after-publish.png", full_page=True)
        browser.close()
