"""The in-memory session ingestion parses in: under a memory limit it spills beside the
warehouse, never into ``.tmp`` of the folder the process happens to run in."""

from __future__ import annotations

from pipelines.warehouse import run, session


def test_a_session_under_a_memory_limit_spills_beside_the_warehouse(tmp_path, monkeypatch):
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("DUCKDB_MEMORY_LIMIT", "100MB")
    con = session(tmp_path / "warehouse.duckdb")
    try:
        # ~300 MB of rows, then a sort of all of them: more than the limit holds
        run(con, "create table t as select range as a, random() as b from range(20000000)")
        assert run(con, "select count(*) from (select a from t order by b)") == [(20_000_000,)]
        assert run(con, "select current_setting('memory_limit')")[0][0] == "95.3 MiB"
        # (DuckDB removes its spill folder when the session closes)
        assert (tmp_path / "warehouse.duckdb.tmp").is_dir()
        assert not (cwd / ".tmp").exists()
    finally:
        con.close()
