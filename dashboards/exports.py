"""Downloads: CSV, Excel workbooks and a printable HTML report, all formula-safe.

A text cell that starts like a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return) would be
run by a spreadsheet that opens the file; every export prefixes such cells with a quote (OWASP
CSV injection). Numbers stay numbers.
"""

from __future__ import annotations

import html
import io

import pandas as pd

_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would run as a formula with a quote."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(
                lambda v: "'" + v if isinstance(v, str) and v.startswith(_FORMULA_PREFIXES) else v
            )
    out.columns = [
        "'" + c if isinstance(c, str) and c.startswith(_FORMULA_PREFIXES) else c
        for c in out.columns
    ]
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return neutralise_formulas(frame).to_csv(index=False).encode("utf-8-sig")


def _excel_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Excel has no time zones; timestamps are written as local wall time."""
    out = neutralise_formulas(frame)
    for column in out.columns:
        if isinstance(out[column].dtype, pd.DatetimeTZDtype):
            out[column] = out[column].dt.tz_localize(None)
    return out


def xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """One workbook, one sheet per table (sheet names cut to Excel's 31 characters)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            _excel_safe(frame).to_excel(writer, sheet_name=name[:31], index=False)
    return buffer.getvalue()


def html_report(title: str, subtitle: str, sections: list[tuple[str, str, pd.DataFrame]]) -> bytes:
    """A self-contained printable report: a title, then per section a heading, a paragraph and
    a table. Everything is escaped; the browser's print dialog turns it into a PDF."""
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'>",
        f"<title>{html.escape(title)}</title>",
        "<style>body{font-family:sans-serif;margin:2em;max-width:60em}"
        "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #999;"
        "padding:.3em .6em;text-align:left}th{background:#eee}"
        "@media print{section{page-break-inside:avoid}}</style></head><body>",
        f"<h1>{html.escape(title)}</h1><p>{html.escape(subtitle)}</p>",
    ]
    for heading, text, table in sections:
        parts.append(f"<section><h2>{html.escape(heading)}</h2><p>{html.escape(text)}</p>")
        parts.append(table.to_html(index=False, escape=True, na_rep="–", border=0))
        parts.append("</section>")
    parts.append("</body></html>")
    return "".join(parts).encode("utf-8")
