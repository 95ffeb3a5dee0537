"""SQL text for ingestion: quoting config-supplied names and values, and DuckDB errors made safe
to log (they quote the offending line, which may hold a person ID)."""

from __future__ import annotations


def lit(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def ident(name: str) -> str:
    """A quoted SQL identifier (partner column names may hold spaces and Danish letters)."""
    return '"' + name.replace('"', '""') + '"'


def safe_reason(exc: Exception) -> str:
    """The first line of a DuckDB error without the offending line's content, fit for logs and
    Dagster's event store."""
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return first.split("Original Line")[0].strip()[:300]
