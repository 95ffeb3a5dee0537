"""Publishing: complete versions swapped in atomically, old ones pruned, readers unaffected."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipelines.publish.snapshot import publish_snapshot


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    path = tmp_path / "wh.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create schema intermediate").fetchall()
    con.execute(
        "create table intermediate.int_as_of as "
        "select date '2025-06-30' as as_of_date, date '2025-06-30' as latest_data_date"
    ).fetchall()
    con.execute("create table t as select range as x from range(5)").fetchall()
    con.close()
    return path


def test_publish_swaps_in_a_complete_version(tmp_path, warehouse):
    serving = tmp_path / "serving"
    first = publish_snapshot(warehouse, serving, "network", {"t": "select * from wh.t"})
    link = serving / "network"
    assert link.is_symlink() and Path(os.path.realpath(link)) == first.path
    assert pd.read_parquet(link / "t.parquet")["x"].tolist() == [0, 1, 2, 3, 4]
    assert first.rows == {"t": 5} and str(first.data_as_of) == "2025-06-30"

    held = (link / "t.parquet").open("rb")  # a reader in the middle of the old version
    second = publish_snapshot(
        warehouse, serving, "network", {"t": "select * from wh.t where x < 2"}
    )
    assert Path(os.path.realpath(link)) == second.path != first.path
    assert len(pd.read_parquet(link / "t.parquet")) == 2
    assert len(held.read()) > 0  # the old version is still readable
    held.close()
    assert not list(serving.glob(".network.link-*"))
    assert not list((serving / "versions").glob(".*.tmp"))


def test_old_versions_are_pruned(tmp_path, warehouse):
    serving = tmp_path / "serving"
    for _ in range(5):
        publish_snapshot(warehouse, serving, "network", {"t": "select * from wh.t"}, keep=3)
    assert len(list((serving / "versions").glob("network-*"))) == 3


def test_a_failed_export_leaves_the_current_version(tmp_path, warehouse):
    serving = tmp_path / "serving"
    good = publish_snapshot(warehouse, serving, "network", {"t": "select * from wh.t"})
    with pytest.raises(duckdb.Error):
        publish_snapshot(warehouse, serving, "network", {"t": "select * from wh.missing"})
    assert Path(os.path.realpath(serving / "network")) == good.path


def test_the_same_rows_in_another_order_write_the_same_bytes(tmp_path, warehouse):
    """A table or frame handed over in another order (as two builds may) is written identically."""
    rows = pd.DataFrame({"k": [f"c{i % 7}" for i in range(3000)], "v": range(3000)})
    serving = tmp_path / "serving"
    first = publish_snapshot(
        warehouse, serving, "network", {"t": "select * from wh.t order by x desc"},
        frames={"f": rows},
    )  # fmt: skip
    second = publish_snapshot(
        warehouse, serving, "network", {"t": "select * from wh.t order by x"},
        frames={"f": rows.sample(frac=1, random_state=1)},
    )  # fmt: skip
    for name in ("t.parquet", "f.parquet"):
        assert (first.path / name).read_bytes() == (second.path / name).read_bytes()
