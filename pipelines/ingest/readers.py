"""Readers: one delivery's bytes into a DuckDB table of text columns plus ``_source_row``.

Each reader leaves every value as text (nothing is lost to type inference; the contract checks
decide) and numbers data rows from 1 (the first row after the header), so a quarantine message
can point a data steward at the row in their own file. Lines the CSV parser cannot split into
the header's columns are kept as rejected rows with their row number, never dropped.
"""

from __future__ import annotations

import codecs
import csv
import json
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

import duckdb
import pyarrow as pa

from pipelines.ingest.partners import FileFormat
from pipelines.ingest.sql import lit, safe_reason
from pipelines.warehouse import run

PARSED = "_parsed"


# far above any contract entity, far below a header wide enough to exhaust the parser's memory
MAX_COLUMNS = 1_000


class DeliveryError(ValueError):
    """A delivery that cannot be read at all; the message says why and what to do."""


@dataclass
class Parsed:
    """What a reader produced: the ``_parsed`` table's source columns and rejected rows."""

    columns: list[str]
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (source_row, parser error)


def _utf8_copy(path: Path, encoding: str, workdir: Path) -> Path:
    """``path`` transcoded to UTF-8 in a temporary file (streamed, any size)."""
    target = workdir / (path.stem + ".utf8.csv")
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    with path.open("rb") as src, target.open("w", encoding="utf-8", newline="") as dst:
        while chunk := src.read(1 << 22):
            dst.write(decoder.decode(chunk))
        dst.write(decoder.decode(b"", final=True))
    return target


def _renumber_after_rejects(con: duckdb.DuckDBPyConnection, rejected_rows: list[int]) -> None:
    """Give the good rows their true row numbers, counting the rejected rows between them.

    The parser numbers the rows it kept 1..n; a kept row k sits after every rejected row i whose
    count of kept rows before it (row_i - rank_i) is below k.
    """
    if not rejected_rows:
        return
    before = [row - rank for rank, row in enumerate(sorted(rejected_rows), start=1)]
    con.register("_rejects_before", pa.table({"kept_before": before}))
    try:
        run(
            con,
            f"""update {PARSED} set _source_row = _source_row + (
                    select count(*) from _rejects_before where kept_before < {PARSED}._source_row)
            """,
        )
    finally:
        con.unregister("_rejects_before")


def read_csv(con: duckdb.DuckDBPyConnection, path: Path, fmt: FileFormat) -> Parsed:
    if path.stat().st_size == 0:
        raise DeliveryError("the file is empty (0 bytes); re-send the export")
    with path.open("rb") as fh:
        if b"\x00" in fh.read(8192):
            raise DeliveryError(
                "the file is binary, not a CSV text file; re-send the export as CSV"
            )
    with tempfile.TemporaryDirectory(prefix="delivery-") as tmp:
        source = path
        if fmt.encoding not in ("utf-8", "utf-8-sig"):
            source = _utf8_copy(path, fmt.encoding, Path(tmp))
        options = (
            "header = true, all_varchar = true, auto_detect = false, "
            "delim = ?, quote = ?, escape = ?, strict_mode = true, "
            "store_rejects = true, rejects_table = '_rejects', rejects_scan = '_rejects_scan'"
        )
        header = _csv_header(source, fmt)
        columns_spec = "{" + ", ".join(f"{lit(c)}: 'VARCHAR'" for c in header) + "}"
        run(con, "drop table if exists _rejects")
        run(con, "drop table if exists _rejects_scan")
        try:
            run(
                con,
                f"""create or replace temp table {PARSED} as
                select *, row_number() over ()::bigint as _source_row
                from read_csv(?, {options}, columns = {columns_spec})""",
                [str(source), fmt.delimiter, fmt.quote, fmt.quote],
            )
            rejects = run(
                con,
                "select line, string_agg(distinct error_type::varchar, ', ') from _rejects "
                "group by line order by line",
            )
        except duckdb.InvalidInputException as exc:
            raise DeliveryError(_csv_error(exc, fmt)) from None
    rejected = [(int(line) - 1, kind) for line, kind in rejects]
    _renumber_after_rejects(con, [row for row, _ in rejected])
    return Parsed(columns=header, rejected=rejected)


def _csv_header(path: Path, fmt: FileFormat) -> list[str]:
    """The header row's column names, read with Python's csv module for exact dialect control."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        try:
            first = next(csv.reader(fh, delimiter=fmt.delimiter, quotechar=fmt.quote), None)
        except UnicodeDecodeError:
            raise DeliveryError(_encoding_message(fmt)) from None
        except csv.Error:
            raise DeliveryError(
                "the header row cannot be read as CSV; check the delimiter"
            ) from None
    if not first or not any(c.strip() for c in first):
        raise DeliveryError("the first line is empty; the first line must name the columns")
    names = [c.strip() for c in first]
    if "\x00" in "".join(names):
        raise DeliveryError("the file is binary, not a CSV text file; re-send the export as CSV")
    if len(names) > MAX_COLUMNS:
        raise DeliveryError(
            f"the header row has {len(names):,} columns, more than the {MAX_COLUMNS:,} a delivery "
            "may have; check format.delimiter in the partner config, or send fewer columns"
        )
    if len(set(names)) != len(names):
        raise DeliveryError("the header row names a column twice; every column needs one name")
    return names


def _encoding_message(fmt: FileFormat) -> str:
    return (
        f"the file is not valid {fmt.encoding} text; set format.encoding in the partner config "
        "(e.g. cp1252 for Windows exports) or export as UTF-8"
    )


def _csv_error(exc: Exception, fmt: FileFormat) -> str:
    text = str(exc)
    if "unicode" in text.lower() or "encoding" in text.lower():
        return _encoding_message(fmt)
    return f"the CSV parser stopped: {safe_reason(exc)[:200]}"


def _cell_text(value) -> str | None:
    """An Excel cell as contract text: ISO dates, whole numbers without '.0', true/false."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(con: duckdb.DuckDBPyConnection, path: Path, sheet: str) -> Parsed:
    """One sheet of a workbook (read with calamine: fast, and strict about damaged files)."""
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        if sheet not in book.sheet_names:
            raise DeliveryError(
                f"the workbook has no sheet named {sheet!r} (found: {', '.join(book.sheet_names)});"
                " rename the sheet or fix entities.<entity>.sheet in the partner config"
            )
        rows = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except DeliveryError:
        raise
    except Exception as exc:  # calamine reports damage with several exception types
        raise DeliveryError(
            f"not a readable Excel workbook ({type(exc).__name__}); the file may be truncated "
            "or not .xlsx; re-save it in Excel as .xlsx and re-send"
        ) from None
    if not rows or not any(c not in (None, "") for c in rows[0]):
        raise DeliveryError(f"sheet {sheet!r} has no header row")
    header = [str(c).strip() if c not in (None, "") else f"column_{i + 1}"
              for i, c in enumerate(rows[0])]  # fmt: skip
    if len(set(header)) != len(header):
        raise DeliveryError(f"sheet {sheet!r} names a column twice")
    data = rows[1:]
    while data and all(v in (None, "") for v in data[-1]):  # trailing empty rows are formatting
        data.pop()
    columns = {
        name: pa.array([_cell_text(r[i]) if i < len(r) else None for r in data], type=pa.string())
        for i, name in enumerate(header)
    }
    columns["_source_row"] = pa.array(range(1, len(data) + 1), type=pa.int64())
    _materialise(con, pa.table(columns))
    return Parsed(columns=header)


def read_records(con: duckdb.DuckDBPyConnection, records: list[dict]) -> Parsed:
    """API records (already pulled and landed) as text columns, numbered in pull order."""
    header: list[str] = []
    for record in records:
        for key in record:
            if key not in header:
                header.append(key)
    table = pa.table(
        {k: pa.array([_json_text(r.get(k)) for r in records], type=pa.string()) for k in header}
        | {"_source_row": pa.array(range(1, len(records) + 1), type=pa.int64())}
    )
    _materialise(con, table)
    return Parsed(columns=header)


def _json_text(value) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _materialise(con: duckdb.DuckDBPyConnection, table: pa.Table) -> None:
    con.register("_arrow_delivery", table)
    try:
        run(con, f"create or replace temp table {PARSED} as select * from _arrow_delivery")
    finally:
        con.unregister("_arrow_delivery")


def copy_file(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_suffix(dst.suffix + ".part")
    shutil.copyfile(src, tmp)
    tmp.replace(dst)
