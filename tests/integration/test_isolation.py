"""Isolation: for every role and tenant of the demo world, every page it may open and every
download it offers, no other partnership's participant is ever visible or downloadable, and the
snapshots themselves hold participant-level rows only in their own partnership's snapshot.

Participant-level identifiers have recognisable shapes (enrolment IDs ``<partnership>-E000123``,
partnership pseudonyms ``P-01234-56789``, the demo's raw person IDs ``BRO000123``), so the scan
looks for every such identifier in everything rendered or downloaded, not only for a few
planted values. One participant per partnership is its *marker*: its owner must find it (so
the scan is known to see participant rows where they are allowed), nobody else may.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import ClassVar

import duckdb
import pandas as pd
import pytest
import streamlit.testing.v1.app_test as app_test_module
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from dashboards.access import PAGE_ROLES
from dashboards.accounts import Account, demo_accounts
from pipelines.publish.suppression import SuppressionRules
from pipelines.settings import REPO_ROOT

pytestmark = pytest.mark.integration

APP = str(REPO_ROOT / "dashboards" / "app.py")
ENROLMENT_ID = re.compile(rb"\b([A-Z]{3}-[A-Z]+)-E\d{6}\b")
PSEUDONYM = re.compile(rb"\bP-[0-9A-F]{5}-[0-9A-F]{5}\b")
RAW_PERSON_ID = re.compile(rb"\b[A-Z]{3}\d{6}\b")
PARTICIPANT_COLUMNS = {"pseudonym", "person_key", "person_id", "enrolment_id", "enrolment_key"}


class RecordingStorage(MemoryMediaFileStorage):
    """Streamlit's in-memory media storage, keeping every download's bytes for the scan."""

    files: ClassVar[list[tuple[str | None, bytes]]] = []

    def load_and_get_id(self, path_or_data, mimetype, kind, filename=None):
        data = path_or_data if isinstance(path_or_data, bytes) else Path(path_or_data).read_bytes()
        RecordingStorage.files.append((filename, data))
        return super().load_and_get_id(path_or_data, mimetype, kind, filename)


def _readable(data: bytes) -> bytes:
    """Excel workbooks are zip files: scan their decompressed parts."""
    if data[:2] != b"PK":
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return b"\n".join(z.read(name) for name in z.namelist())


def _rendered(at: AppTest) -> bytes:
    """Every element of the page as serialised protobuf (text, tables as Arrow, chart data)."""
    out = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "SerializeToString"):
            out.append(proto.SerializeToString())
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return b"\n".join(out)


def _snapshot(serving: Path, audience: str) -> Path:
    return Path((serving / audience).resolve())


@pytest.fixture(scope="module")
def owners(pipeline_world) -> dict[str, dict[str, set[str]]]:
    """Per partnership: the enrolment IDs and pseudonyms its own snapshot holds."""
    serving = pipeline_world.settings.serving_dir
    out = {}
    for _, role, scope in demo_accounts():
        if role != "partnership":
            continue
        folder = _snapshot(serving, f"partnership-{scope}")
        own = pd.read_parquet(folder / "own_participants.parquet")
        out[scope] = {
            "enrolments": set(own.enrolment_id),
            "pseudonyms": set(own.pseudonym),
            "marker": own.sort_values("enrolment_id").enrolment_id.iloc[0],
        }
    return out


def _foreign_identifiers(blob: bytes, account: Account, owners) -> list[str]:
    own = owners.get(account.scope) if account.role == "partnership" else None
    found = []
    for match in ENROLMENT_ID.finditer(blob):
        if own is None or match.group(0).decode() not in own["enrolments"]:
            found.append(match.group(0).decode())
    for match in PSEUDONYM.finditer(blob):
        if own is None or match.group(0).decode() not in own["pseudonyms"]:
            found.append(match.group(0).decode())
    found += [m.group(0).decode() for m in RAW_PERSON_ID.finditer(blob)]
    return found


def test_no_role_sees_or_downloads_another_partnerships_participants(
    pipeline_world, owners, monkeypatch
):
    monkeypatch.setenv("OUTCOMES_SERVING_DIR", str(pipeline_world.settings.serving_dir))
    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", RecordingStorage)
    checked, leaks, markers_seen = 0, [], set()
    for username, role, scope in demo_accounts():
        account = Account(username, role, scope)
        pages = [p for p, roles in PAGE_ROLES.items() if role in roles]
        # one signed-in session per account visits its pages in turn, as a user does
        at = AppTest.from_file(APP, default_timeout=60)
        at.session_state["account"] = account
        at.run()
        for page in pages:
            RecordingStorage.files.clear()
            at.switch_page(f"views/{page}.py").run()
            assert not at.exception, (username, page, at.exception)
            blobs = [("page", _rendered(at))]
            blobs += [(n or "download", _readable(d)) for n, d in RecordingStorage.files]
            assert len(blobs) > 1, f"{username} {page}: no download offered"
            for what, blob in blobs:
                checked += 1
                foreign = _foreign_identifiers(blob, account, owners)
                if foreign:
                    leaks.append((username, page, what, foreign[:3]))
                if role == "partnership" and owners[scope]["marker"].encode() in blob:
                    markers_seen.add(scope)
    assert not leaks, leaks[:5]
    # the scan sees participant rows where they belong: every owner finds its marker
    assert markers_seen == set(owners)
    assert checked > 100


def test_snapshots_hold_participant_rows_only_for_their_own_partnership(pipeline_world, owners):
    serving = pipeline_world.settings.serving_dir
    audiences = ["network"] + [f"partnership-{p}" for p in owners]
    for audience in audiences:
        folder = _snapshot(serving, audience)
        own = owners.get(audience.removeprefix("partnership-"))
        for table in folder.glob("*.parquet"):
            frame = pd.read_parquet(table)
            if own is None:  # networks and funders: no pseudonym or participant column at all
                assert not PARTICIPANT_COLUMNS & set(frame.columns), (audience, table.name)
                assert not table.stem.startswith("own_"), (audience, table.name)
            text = frame.astype(str).to_csv(index=False).encode()
            for match in PSEUDONYM.finditer(text):
                assert own and match.group(0).decode() in own["pseudonyms"], (audience, table.name)
            for match in ENROLMENT_ID.finditer(text):
                assert own and match.group(0).decode() in own["enrolments"], (audience, table.name)
            assert not RAW_PERSON_ID.search(text), (audience, table.name)
        if own is not None:
            participants = pd.read_parquet(folder / "own_participants.parquet")
            assert set(participants.partnership_id) == {audience.removeprefix("partnership-")}


def test_published_aggregates_respect_the_suppression_rules(pipeline_world, owners):
    """On the real demo snapshots: no count of 1-4 and no rate on fewer than 10 people in any
    cell a viewer does not own, and suppressed cells carry no numbers."""
    rules = SuppressionRules()
    serving = pipeline_world.settings.serving_dir
    con = duckdb.connect()
    for audience in ["network"] + [f"partnership-{p}" for p in owners]:
        folder = _snapshot(serving, audience)
        owner = audience.removeprefix("partnership-") if audience != "network" else ""
        rows = con.execute(
            f"""
            select m.*, c.kind from read_parquet('{folder}/metric_values.parquet') m
            join read_parquet('{folder}/metric_catalogue.parquet') c using (metric_id)
            where (? = '' or m.partnership_id <> 'ALL') and m.partnership_id <> ?
            """,
            [owner, owner],
        ).df()
        shown = rows.suppressed.isna()
        small_count = (rows.kind == "count") & rows.n.between(1, rules.min_count - 1)
        small_rate = (rows.kind != "count") & (rows.n < rules.min_denominator)
        assert not (shown & (small_count | small_rate)).any(), audience
        assert rows.loc[~shown, ["n", "numerator", "denominator", "value"]].isna().all().all()
        assert (~shown).sum() > 0, audience
