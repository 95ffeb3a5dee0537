"""Dashboard sessions for the load test, each in its own process.

AppTest replaces Streamlit's runtime globally while a script runs, so concurrent sessions in one
process would share it; a process per session keeps them as independent as browser tabs.
Each session signs in with its role and runs that role's pages in turn until told to stop,
timing every page run (wall-clock start and end, so the test can tell which runs overlapped the
publish) and recording every exception. After its first page run it says it is ready. Between
page runs a session pauses as a reader does (``THINK_SECONDS``): eight sessions rerunning pages
back to back on two cores measured CPU starvation, not serving, and made the publish they
share the machine with take several times as long.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

THINK_SECONDS = 2.0


def run_session(username: str, role: str, scope: str | None, env: dict[str, str],
                stop_file: str, results, ready) -> None:  # fmt: skip
    os.environ.update(env)
    from streamlit.testing.v1 import AppTest

    from dashboards.access import PAGE_ROLES
    from dashboards.accounts import Account
    from pipelines.settings import REPO_ROOT

    app = str(REPO_ROOT / "dashboards" / "app.py")
    account = Account(username, role, scope)
    pages = [p for p, roles in PAGE_ROLES.items() if role in roles]
    timings, errors = [], []
    while not Path(stop_file).exists():
        for page in pages:
            started, wall_start = time.perf_counter(), time.time()
            try:
                at = AppTest.from_file(app, default_timeout=120)
                at.session_state["account"] = account
                at.run()
                at.switch_page(f"views/{page}.py").run()
                if at.exception:
                    errors.append(f"{username} {page}: {at.exception[0].message}")
                elif not (at.dataframe or at.info or at.subheader):
                    errors.append(f"{username} {page}: rendered no content")
            except Exception as exc:  # a page run that fails in any way is an error
                errors.append(f"{username} {page}: {exc!r}")
            timings.append((page, time.perf_counter() - started, wall_start, time.time()))
            if len(timings) == 1:
                ready.put(username)
            time.sleep(THINK_SECONDS)
    results.put((username, timings, errors))
