"""Deliveries: find them, land their bytes by checksum, and load each one exactly once.

For every configured partner system and partner, new deliveries are found (files in the drop
folder, or a pull from the API since the last cursor), their original bytes are copied into the
landing zone under their SHA-256, and each is parsed, mapped, checked and split into
``raw.<entity>`` and ``raw.quarantine`` in one transaction together with its ``raw.deliveries``
record, so ``rows_read = rows_loaded + rows_quarantined`` always holds.

The same bytes a second time change nothing. A corrected re-delivery is a new delivery with a
higher ``_delivery_seq``; staging keeps the latest row per natural key and raw keeps history.
One partner's broken delivery is recorded as failed and never stops another's.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from pipelines.ingest import api
from pipelines.ingest.contract import ENTITIES, Entity, raw_name
from pipelines.ingest.mapping import map_delivery
from pipelines.ingest.partners import ApiSource, EntityMapping, PartnerSystem
from pipelines.ingest.readers import (
    DeliveryError,
    Parsed,
    copy_file,
    read_csv,
    read_records,
    read_xlsx,
)
from pipelines.ingest.reference import Reference
from pipelines.ingest.sql import ident, lit, safe_reason
from pipelines.ingest.validate import CHECKED, check_delivery
from pipelines.warehouse import run, scalar

log = logging.getLogger(__name__)

RAW_SCHEMA_VERSION = "4"
LINEAGE_COLUMNS = ("_partner", "_delivery", "_source_row", "_loaded_at", "_delivery_seq")
UNCONFIGURED = "unconfigured"

DELIVERIES_DDL = """
create table if not exists wh.raw.deliveries (
    delivery_id varchar primary key, delivery_seq bigint, partner varchar, system varchar,
    entity varchar, source_name varchar, received_at timestamp, checksum varchar,
    bytes bigint, rows_read bigint, rows_loaded bigint, rows_quarantined bigint,
    rows_changed bigint,
    status varchar, error varchar, landed_path varchar, api_cursor varchar,
    config varchar, source_mtime_ns bigint
)"""
# added after raw layout 4: a warehouse from before gets the column, not a rebuilt raw schema
DELIVERIES_ADDED = "alter table wh.raw.deliveries add column if not exists source_mtime_ns bigint"
QUARANTINE_DDL = """
create table if not exists wh.raw.quarantine (
    delivery_id varchar, partner varchar, entity varchar, source_row bigint,
    source_column varchar, contract_column varchar, rule varchar, message varchar,
    message_da varchar, quarantined_at timestamp
)"""


@dataclass
class DeliveryRecord:
    delivery_id: str
    delivery_seq: int
    partner: str
    system: str
    entity: str
    source_name: str
    received_at: datetime
    checksum: str | None = None
    bytes: int = 0
    rows_read: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    rows_changed: int = 0  # loaded rows that were new or differ from their latest version
    status: str = "failed"
    error: str | None = None
    landed_path: str | None = None
    api_cursor: str | None = None
    config: str | None = None  # fingerprint of the partner config used
    source_mtime_ns: int | None = None  # the delivered file's modification time (quick check)


@dataclass
class IngestReport:
    delivered: list[DeliveryRecord] = field(default_factory=list)
    unchanged: int = 0

    def for_entity(self, entity: str) -> list[DeliveryRecord]:
        return [d for d in self.delivered if d.entity == entity]


def raw_columns(entity: Entity) -> list[str]:
    """Columns of ``raw.<entity>``: the contract's, with person_id replaced by person_key."""
    cols = [raw_name(c) for c in entity.column_names]
    return cols + list(LINEAGE_COLUMNS)


def ensure_raw_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the raw schema; a warehouse from an older raw layout is reset (raw is rebuilt
    from the drop folders, which keep every delivery)."""
    run(con, "create schema if not exists wh.raw")
    run(con, "create table if not exists wh.raw._meta (key varchar primary key, value varchar)")
    version = scalar(con, "select value from wh.raw._meta where key = 'schema_version'")
    if version != RAW_SCHEMA_VERSION:
        for name in [*ENTITIES, "deliveries", "quarantine"]:
            run(con, f"drop table if exists wh.raw.{name}")
        run(
            con,
            "insert or replace into wh.raw._meta values ('schema_version', ?)",
            [RAW_SCHEMA_VERSION],
        )
    types = {"_source_row": "bigint", "_loaded_at": "timestamp", "_delivery_seq": "bigint"}
    for entity in ENTITIES.values():
        cols = ", ".join(f'"{c}" {types.get(c, "varchar")}' for c in raw_columns(entity))
        run(con, f"create table if not exists wh.raw.{entity.name} ({cols})")
    run(con, DELIVERIES_DDL)
    run(con, DELIVERIES_ADDED)
    run(con, QUARANTINE_DDL)


def utc_now() -> datetime:
    """The clock deliveries are stamped with: UTC, without a zone, like ``received_at``."""
    return datetime.now(UTC).replace(tzinfo=None)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 22):
            digest.update(chunk)
    return digest.hexdigest()


class Ingestor:
    """Loads every new delivery of the configured partner systems into the attached warehouse."""

    def __init__(
        self,
        session: duckdb.DuckDBPyConnection,
        drop_dir: Path,
        landing_dir: Path,
        systems: dict[str, PartnerSystem],
        pepper: bytes,
        reference: Reference | None = None,
        clock: Callable[[], datetime] = utc_now,
    ):
        self.con = session
        self.drop_dir = drop_dir
        self.landing_dir = landing_dir
        self.systems = systems
        self.pepper = pepper
        self.ref = reference or Reference()
        self.clock = clock
        ensure_raw_tables(session)

    # ------------------------------------------------------------------ discovery
    def run(self, kinds: tuple[str, ...] = ("files", "api")) -> IngestReport:
        report = IngestReport()
        for system in self.systems.values():
            if system.source.kind not in kinds:
                continue
            for partner in system.partners:
                if isinstance(system.source, ApiSource):
                    self._pull_partner(system, partner, report)
                else:
                    self._scan_partner(system, partner, report)
        if "files" in kinds:
            self._report_unconfigured(report)
        return report

    def _scan_partner(self, system: PartnerSystem, partner: str, report: IngestReport) -> None:
        folder = system.drop_folder(self.drop_dir, partner)
        if not folder.is_dir():
            return
        claimed: set[Path] = set()
        for entity, mapping in system.entities.items():
            files = [p for p in folder.glob(mapping.file) if p.is_file()]
            claimed.update(files)
            for path in sorted(files, key=lambda p: (p.stat().st_mtime_ns, p.name)):
                self._file_delivery(system, partner, entity, mapping, path, report)
        for path in sorted(p for p in folder.iterdir() if p.is_file() and p not in claimed):
            if path.name.startswith("."):
                continue
            self._failed_file(
                system.name,
                partner,
                path,
                report,
                f"the file name matches no entity's file pattern in partner config "
                f"'{system.name}'; rename the file or add a pattern under entities.<entity>.file",
                system.fingerprint,
            )

    def _report_unconfigured(self, report: IngestReport) -> None:
        configured = {
            s.drop_folder(self.drop_dir, p).resolve()
            for s in self.systems.values()
            if s.source.kind == "files"
            for p in s.partners
        }
        if not self.drop_dir.is_dir():
            return
        for folder in sorted(p for p in self.drop_dir.iterdir() if p.is_dir()):
            if folder.resolve() in configured or folder.name.startswith("."):
                continue
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                self._failed_file(
                    UNCONFIGURED,
                    folder.name,
                    path,
                    report,
                    f"no partner config lists '{folder.name}' under partners:; add it to the "
                    "config of its partner system (see docs/partners.md)",
                )

    # ------------------------------------------------------------------ one delivery
    def _seen(self, partner: str, entity: str, checksum: str, config: str) -> bool:
        """True if these bytes were handled before: loaded, or failed under the same config.
        A delivery that failed under an earlier config is retried (its old record replaced)."""
        rows = run(
            self.con,
            "select status, config from wh.raw.deliveries where partner = ? and entity = ? "
            "and checksum = ? order by delivery_seq desc limit 1",
            [partner, entity, checksum],
        )
        if not rows:
            return False
        status, used = rows[0]
        if status == "failed" and used != config:
            run(
                self.con,
                "delete from wh.raw.deliveries where partner = ? and entity = ? and checksum = ?",
                [partner, entity, checksum],
            )
            return False
        return True

    def _checksum(self, partner: str, path: Path) -> tuple[str, os.stat_result]:
        """The file's SHA-256 and its stat. The drop folder keeps every delivery, so hashing
        every file on every run would make each run's cost follow all history (about 10 GB at
        tier L): a file with the name, size and modification time of one this partner delivered
        before has the checksum recorded then (rsync's quick check; an edit changes the
        modification time, and `touch` has a file hashed again)."""
        stat = path.stat()
        known = scalar(
            self.con,
            "select checksum from wh.raw.deliveries where partner = ? and source_name = ? "
            "and bytes = ? and source_mtime_ns = ? and checksum is not null "
            "order by delivery_seq desc limit 1",
            [partner, path.name, stat.st_size, stat.st_mtime_ns],
        )
        return known or sha256(path), stat

    def _failed_file(
        self,
        system: str,
        partner: str,
        path: Path,
        report: IngestReport,
        reason: str,
        config: str = UNCONFIGURED,
    ) -> None:
        checksum, stat = self._checksum(partner, path)
        if self._seen(partner, "unknown", checksum, config):
            report.unchanged += 1
            return
        record = self._file_record(system, partner, "unknown", path, config, checksum, stat)
        record.error = reason
        self._land(record, path.suffix, lambda landed: copy_file(path, landed))
        self._write(record, None)
        report.delivered.append(record)

    def _new_record(
        self, system: str, partner: str, entity: str, source_name: str, config: str
    ) -> DeliveryRecord:
        received = self.clock()
        seq = (scalar(self.con, "select max(delivery_seq) from wh.raw.deliveries") or 0) + 1
        delivery_id = f"{partner}/{entity}/{received:%Y%m%dT%H%M%S}-{seq:06d}"
        return DeliveryRecord(
            delivery_id, seq, partner, system, entity, source_name, received, config=config
        )

    def _file_record(
        self,
        system: str,
        partner: str,
        entity: str,
        path: Path,
        config: str,
        checksum: str,
        stat: os.stat_result,
    ) -> DeliveryRecord:
        """A new record of a delivered file, with what the quick check (``_checksum``) needs."""
        record = self._new_record(system, partner, entity, path.name, config)
        record.checksum, record.bytes = checksum, stat.st_size
        record.source_mtime_ns = stat.st_mtime_ns
        return record

    def _land(self, record: DeliveryRecord, suffix: str, write: Callable[[Path], None]) -> Path:
        """Keep the original bytes under their checksum (``write`` puts them at a path)."""
        landed = self.landing_dir / record.partner / f"{record.checksum}{suffix.lower()}"
        if not landed.exists():
            restrict(self.landing_dir)
            write(landed)
            landed.chmod(0o600)
        record.landed_path = str(landed.relative_to(self.landing_dir))
        return landed

    def _file_delivery(self, system, partner, entity, mapping, path, report) -> None:
        checksum, stat = self._checksum(partner, path)
        if self._seen(partner, entity, checksum, system.fingerprint):
            report.unchanged += 1
            return
        record = self._file_record(
            system.name, partner, entity, path, system.fingerprint, checksum, stat
        )
        landed = self._land(record, path.suffix, lambda target: copy_file(path, target))

        def parse() -> Parsed:
            if system.format.kind == "xlsx":
                return read_xlsx(self.con, landed, mapping.sheet)
            return read_csv(self.con, landed, system.format)

        self._load(system, partner, ENTITIES[entity], mapping, record, parse)
        report.delivered.append(record)

    def _pull_partner(self, system: PartnerSystem, partner: str, report: IngestReport) -> None:
        for entity, mapping in system.entities.items():
            since = scalar(
                self.con,
                "select max(api_cursor) from wh.raw.deliveries where partner = ? and entity = ? "
                "and status <> 'failed'",
                [partner, entity],
            )
            record = self._new_record(
                system.name, partner, entity, mapping.endpoint, system.fingerprint
            )
            try:
                pulled = api.pull(system.source, partner, mapping.endpoint, since)
            except api.ApiPullError as exc:
                record.error = str(exc)
                self._write(record, None)
                report.delivered.append(record)
                continue
            if not pulled.records:
                continue
            body = pulled.body()
            record.checksum = hashlib.sha256(body).hexdigest()
            if self._seen(partner, entity, record.checksum, system.fingerprint):
                report.unchanged += 1
                continue
            record.bytes, record.api_cursor = len(body), pulled.cursor
            self._land(record, ".jsonl", lambda target, body=body: _write_bytes(target, body))
            self._load(
                system,
                partner,
                ENTITIES[entity],
                mapping,
                record,
                lambda records=pulled.records: read_records(self.con, records),
            )
            report.delivered.append(record)

    def _load(
        self,
        system: PartnerSystem,
        partner: str,
        entity: Entity,
        mapping: EntityMapping,
        record: DeliveryRecord,
        parse,
    ) -> None:
        try:
            parsed = parse()
            map_delivery(self.con, entity, mapping, system.format, parsed.columns)
            check_delivery(
                self.con,
                entity,
                mapping,
                system.format,
                system.person_id,
                partner,
                self.pepper,
                self.ref,
                record.received_at.date(),
            )
        except Exception as exc:  # one delivery's failure never stops the others
            record.error = failure_reason(exc, record.delivery_id)
            self._write(record, None)
            return
        ((checked, record.rows_loaded),) = run(
            self.con,
            f"select count(*), count(*) filter (where len(_violations) = 0) from {CHECKED}",
        )
        record.rows_read = checked + len(parsed.rejected)
        record.rows_quarantined = record.rows_read - record.rows_loaded
        record.status = "loaded" if record.rows_quarantined == 0 else "loaded_with_quarantine"
        self._write(record, (entity, mapping, parsed))

    # ------------------------------------------------------------------ writing
    def _write(self, record: DeliveryRecord, loaded) -> None:
        """The delivery's rows, quarantine and record in one transaction."""
        if record.error:
            record.status = "failed"
            log.warning("delivery %s failed: %s", record.delivery_id, record.error)
        run(self.con, "begin transaction")
        try:
            if loaded:
                self._write_rows(record, *loaded)
            values = [getattr(record, f) for f in DeliveryRecord.__dataclass_fields__]
            run(
                self.con,
                "insert into wh.raw.deliveries by name select * from (values ("
                + ", ".join("?" for _ in values)
                + ")) as t("
                + ", ".join(DeliveryRecord.__dataclass_fields__)
                + ")",
                values,
            )
            run(self.con, "commit")
        except Exception:
            run(self.con, "rollback")
            raise

    def _write_rows(
        self, record: DeliveryRecord, entity: Entity, mapping: EntityMapping, parsed: Parsed
    ) -> None:
        contract = raw_columns(entity)[: -len(LINEAGE_COLUMNS)]
        cols = ", ".join(ident(c) for c in contract)
        key = ", ".join(ident(k) for k in entity.raw_natural_key)
        same = " and ".join(f"l.{ident(c)} is not distinct from c.{ident(c)}" for c in contract)
        # a row identical to its latest version (a cumulative export re-sending history) is
        # accepted but not stored again, so history holds real changes and incremental models
        # rebuild only what changed
        ((changed,),) = run(
            self.con,
            f"""insert into wh.raw.{entity.name}
            with accepted as (select * from {CHECKED} where len(_violations) = 0),
            latest as (
                select r.* from wh.raw.{entity.name} as r
                semi join accepted using ({key})
                where r._partner = ?
                qualify row_number() over (
                    partition by {key} order by r._delivery_seq desc, r._source_row desc) = 1
            )
            select {cols}, ?, ?, _source_row, ?, ?
            from accepted as c
            where not exists (select 1 from latest as l where {same})""",
            [record.partner, record.partner, record.delivery_id, record.received_at,
             record.delivery_seq],
        )  # fmt: skip
        record.rows_changed = changed
        source_name = (
            "case v.column "
            + " ".join(
                f"when {lit(c)} then {lit(mapping.source_column(c))}" for c in entity.column_names
            )
            + " end"
        )
        run(
            self.con,
            f"""insert into wh.raw.quarantine
            select ?, ?, ?, _source_row, shown, v.column, v.rule,
                   'Row ' || _source_row || ', column ' || shown || ' (' || v.column || '): '
                       || v.message,
                   'Række ' || _source_row || ', kolonne ' || shown || ' (' || v.column || '): '
                       || v.message_da,
                   ?
            from (select _source_row, v, coalesce(_source_column, {source_name}) as shown
                  from (select _source_row, _source_column, unnest(_violations) as v
                        from {CHECKED} where len(_violations) > 0))""",
            [record.delivery_id, record.partner, entity.name, record.received_at],
        )
        for row, kind in parsed.rejected:
            run(
                self.con,
                "insert into wh.raw.quarantine values (?, ?, ?, ?, null, null, "
                "'unparseable_line', ?, ?, ?)",
                [
                    record.delivery_id,
                    record.partner,
                    entity.name,
                    row,
                    f"Row {row}: the line could not be split into the header's columns ({kind}); "
                    "check quoting and delimiters on that line",
                    f"Række {row}: linjen kunne ikke deles i overskriftens kolonner ({kind}); "
                    "tjek anførselstegn og skilletegn i linjen",
                    record.received_at,
                ],
            )


def failure_reason(exc: Exception, delivery_id: str) -> str:
    """Why a delivery failed, in words fit for its record and for logs (never a value)."""
    if isinstance(exc, DeliveryError):
        return str(exc)
    if isinstance(exc, duckdb.Error):
        return safe_reason(exc)
    log.error("delivery %s: unexpected %s", delivery_id, type(exc).__name__)
    return (
        f"internal error ({type(exc).__name__}) while reading this delivery; the warehouse "
        "team must look at the run log"
    )


def _write_bytes(path: Path, body: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)


def restrict(landing_dir: Path) -> None:
    """The landing zone is the one place original files (and so CPR numbers) live: owner only."""
    landing_dir.mkdir(parents=True, exist_ok=True)
    landing_dir.chmod(0o700)


def purge_landing(con: duckdb.DuckDBPyConnection, landing_dir: Path, retention_days: int) -> int:
    """Delete landed originals received more than ``retention_days`` ago; their deliveries keep
    their record, with ``landed_path`` cleared, so the history says the original is gone."""
    cutoff = utc_now() - timedelta(days=retention_days)
    old = run(
        con,
        "select delivery_id, landed_path from wh.raw.deliveries where landed_path is not null "
        "and received_at < ?",
        [cutoff],
    )
    still_used = {
        p for (p,) in run(
            con,
            "select landed_path from wh.raw.deliveries where landed_path is not null "
            "and received_at >= ?",
            [cutoff],
        )
    }  # fmt: skip
    for _, path in old:
        if path not in still_used:
            (landing_dir / path).unlink(missing_ok=True)
    if old:
        run(
            con,
            "update wh.raw.deliveries set landed_path = null where delivery_id in "
            "(select unnest(?::varchar[]))",
            [[d for d, _ in old]],
        )
    return len(old)
