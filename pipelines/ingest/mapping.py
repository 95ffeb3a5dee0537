"""Mapping a parsed delivery onto the contract, in one SQL statement.

Column renames, constants, value maps, Danish dates, decimal commas and wide score layouts all
come from the partner config; the result (``_mapped``) has the contract's columns as normalised
text, plus ``_source_row`` and ``_source_column`` (the partner's own column name of a wide
score) so every row can still be traced to its place in the partner's file.
"""

from __future__ import annotations

import duckdb

from pipelines.ingest.contract import Entity
from pipelines.ingest.partners import EntityMapping, FileFormat
from pipelines.ingest.readers import PARSED, DeliveryError
from pipelines.ingest.sql import ident, lit
from pipelines.warehouse import run

MAPPED = "_mapped"


def _value_map(expr: str, mapping: dict[str, str]) -> str:
    """Delivered values to contract values, matched on trimmed, case-folded text."""
    if not mapping:
        return expr
    whens = " ".join(
        f"when lower({expr}) = {lit(k.strip().lower())} then {lit(v)}" for k, v in mapping.items()
    )
    return f"case {whens} else {expr} end"


def _normalise(expr: str, kind: str, fmt: FileFormat) -> str:
    if kind == "date":
        formats = [f for f in fmt.date_formats if f != "%Y-%m-%d"]
        if not formats:
            return expr
        tries = ", ".join(f"strftime(try_strptime({expr}, {lit(f)}), '%Y-%m-%d')" for f in formats)
        return f"coalesce({tries}, {expr})"
    if kind in ("decimal", "integer") and fmt.decimal == ",":
        return f"replace({expr}, ',', '.')"
    if kind == "boolean":
        return f"lower({expr})"
    return expr


def missing_columns(entity: Entity, mapping: EntityMapping, header: list[str]) -> list[str]:
    """Source column names the config expects for required contract columns but the file lacks."""
    wide = mapping.wide_scores
    provided_by_wide = {"instrument", "item", "score"} if wide else set()
    missing = []
    for column in entity.required:
        if column in mapping.constants or column in provided_by_wide:
            continue
        if mapping.source_column(column) not in header:
            missing.append(mapping.source_column(column))
    if wide:
        missing += [c for c in wide.items if c not in header]
        if wide.instrument_column and wide.instrument_column not in header:
            missing.append(wide.instrument_column)
    return missing


def map_delivery(
    con: duckdb.DuckDBPyConnection,
    entity: Entity,
    mapping: EntityMapping,
    fmt: FileFormat,
    header: list[str],
) -> None:
    """Create ``_mapped`` from ``_parsed``; a wide score layout is unpivoted first."""
    missing = missing_columns(entity, mapping, header)
    if missing:
        raise DeliveryError(
            f"required column(s) {', '.join(safe_names(missing))} missing from the header row "
            f"(found {len(header)} columns: {', '.join(safe_names(header))}); the export must "
            "include them, or columns: in the partner config must name the right source columns"
        )
    source = PARSED
    wide = mapping.wide_scores
    if wide:
        items = ", ".join(ident(c) for c in wide.items)
        item_codes = _value_map("_source_column", dict(wide.items))
        instrument = (
            ident(wide.instrument_column) if wide.instrument_column else lit(wide.instrument)
        )
        source = f"""(
            select *, {instrument} as _wide_instrument, {item_codes} as _wide_item
            from (unpivot {PARSED} on {items} into name _source_column value _wide_score)
        )"""
    selects = []
    for col in entity.columns:
        if col.name in mapping.constants:
            expr = lit(mapping.constants[col.name])
        elif wide and col.name in ("instrument", "item", "score"):
            expr = f"_wide_{col.name}"
        elif mapping.source_column(col.name) in header:
            expr = ident(mapping.source_column(col.name))
        else:
            expr = "null::varchar"
        expr = f"nullif(trim({expr}::varchar), '')"
        expr = _value_map(expr, mapping.values.get(col.name, {}))
        selects.append(f"{_normalise(expr, col.kind, fmt)} as {ident(col.name)}")
    source_column = "_source_column" if wide else "null::varchar"
    run(
        con,
        f"""create or replace temp table {MAPPED} as
        select {", ".join(selects)}, _source_row, {source_column} as _source_column
        from {source}""",
    )


def safe_names(names: list[str]) -> list[str]:
    """Column names fit for a message: a 'name' that looks like data (a headerless file whose
    first row holds an ID) is not repeated."""
    return [
        n
        if sum(ch.isdigit() for ch in n) < 6 and len(n) <= 60
        else "(a value that looks like data)"
        for n in names
    ]
