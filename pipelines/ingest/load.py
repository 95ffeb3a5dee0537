"""Set-based loading of canonical delivery files into ``raw.<entity>``.

A drop folder holds one sub-folder per partner system; each canonical file is named after its
entity (``attendance.csv``, or ``attendance_2024-06.csv`` for several deliveries). Every file is
read by DuckDB's CSV reader in one statement -- never row by row -- with all columns as text, so
nothing is lost to type inference; staging models cast and test the values.

Person IDs are replaced by pseudonyms during parsing: the distinct IDs of a delivery are keyed
in Python (one HMAC per person, not per row) and joined back in SQL, and only the keyed rows are
written to the warehouse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from pipelines.ingest.contract import ENTITIES, Entity
from pipelines.ingest.pseudonymise import person_key
from pipelines.warehouse import run, scalar

LINEAGE_COLUMNS = ("_partner", "_delivery", "_source_row", "_loaded_at")


@dataclass
class FailedDelivery:
    delivery: str
    reason: str


@dataclass
class LoadReport:
    entity: str
    rows_loaded: int = 0
    deliveries: list[str] = field(default_factory=list)
    failed: list[FailedDelivery] = field(default_factory=list)
    rows_without_person_key: int = 0


def delivery_files(drop_dir: Path, entity: str) -> list[Path]:
    """All canonical files for ``entity`` in every partner's drop folder, in a stable order."""
    return sorted(p for p in drop_dir.glob(f"*/{entity}*.csv") if p.is_file())


def raw_columns(entity: Entity) -> list[str]:
    """Columns of ``raw.<entity>``: the contract's, with person_id replaced by person_key."""
    cols = ["person_key" if c == "person_id" else c for c in entity.column_names]
    return cols + list(LINEAGE_COLUMNS)


def _create_raw_table(con: duckdb.DuckDBPyConnection, table: str, entity: Entity) -> None:
    types = {"_source_row": "integer", "_loaded_at": "timestamp"}
    cols = ", ".join(f'"{c}" {types.get(c, "varchar")}' for c in raw_columns(entity))
    run(con, f"create or replace table {table} ({cols})")


def _header(con: duckdb.DuckDBPyConnection, path: Path) -> list[str]:
    cur = con.execute(
        "select * from read_csv(?, header = true, all_varchar = true, normalize_names = true) "
        "limit 0",
        [str(path)],
    )
    cur.fetchall()
    return [d[0] for d in cur.description]


def _load_file(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    entity: Entity,
    partner: str,
    delivery: str,
    pepper: bytes,
    target: str,
) -> tuple[int, int]:
    header = _header(con, path)
    missing = [c for c in entity.required if c not in header]
    if missing:
        raise ValueError(
            f"delivery {delivery}: required column(s) {', '.join(missing)} missing from the header "
            f"row ({len(header)} columns found); the first line must name the columns of the "
            f"{entity.name} contract"
        )
    source = "read_csv(?, header = true, all_varchar = true, normalize_names = true)"
    ids = run(con, f"select distinct person_id from {source}", [str(path)])
    keys = pa.table(
        {
            "person_id": [i for (i,) in ids],
            "person_key": [person_key(i or "", partner, pepper) for (i,) in ids],
        }
    )
    con.register("_person_keys", keys)
    try:
        select_cols = []
        for c in entity.column_names:
            if c == "person_id":
                select_cols.append("k.person_key")
            elif c in header:
                select_cols.append(f'nullif(trim(f."{c}"), \'\') as "{c}"')
            else:
                select_cols.append(f'null::varchar as "{c}"')
        ((loaded,),) = run(
            con,
            f"""
            insert into {target}
            select {", ".join(select_cols)},
                   ? as _partner, ? as _delivery, f._source_row::integer, now()::timestamp
            from (select *, row_number() over () as _source_row from {source}) as f
            left join _person_keys as k on f.person_id is not distinct from k.person_id
            """,
            [partner, delivery, str(path)],
        )
        no_key = scalar(
            con,
            f"select count(*) from {target} where _delivery = ? and person_key is null",
            [delivery],
        )
    finally:
        con.unregister("_person_keys")
    return loaded, no_key


def load_entity(
    session: duckdb.DuckDBPyConnection, drop_dir: Path, entity_name: str, pepper: bytes
) -> LoadReport:
    """Rebuild ``wh.raw.<entity>`` from every delivery file in the drop folder.

    ``session`` is a parsing session (in-memory database with the warehouse attached as ``wh``).
    The new table is built beside the old one and swapped in within one transaction, so a
    failure leaves the previous load in place. A file that cannot be read is reported as a
    failed delivery and does not stop the other partners' files.
    """
    entity = ENTITIES[entity_name]
    report = LoadReport(entity=entity_name)
    run(session, "create schema if not exists wh.raw")
    staging = f"wh.raw.{entity_name}__loading"
    _create_raw_table(session, staging, entity)
    for path in delivery_files(drop_dir, entity_name):
        partner = path.parent.name
        delivery = f"{partner}/{path.name}"
        try:
            loaded, no_key = _load_file(session, path, entity, partner, delivery, pepper, staging)
        except (duckdb.Error, ValueError, UnicodeDecodeError) as exc:
            report.failed.append(FailedDelivery(delivery, _safe_reason(exc)))
            continue
        report.rows_loaded += loaded
        report.rows_without_person_key += no_key
        report.deliveries.append(delivery)
    run(session, "begin transaction")
    run(session, f"drop table if exists wh.raw.{entity_name}")
    run(session, f"alter table {staging} rename to {entity_name}")
    run(session, "commit")
    return report


def _safe_reason(exc: Exception) -> str:
    """The first line of a parser error, without the offending line's content.

    DuckDB's CSV errors quote the failing row, which may hold a person ID; that must not reach
    logs or Dagster's event store.
    """
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return first.split("Original Line:")[0].strip()[:300]
