"""The CSV reader's own failures become a partner's clear message, never an internal error."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines.ingest import readers
from pipelines.ingest.partners import FileFormat
from pipelines.ingest.readers import MAX_COLUMNS, DeliveryError, read_csv


def test_a_header_wider_than_any_delivery_is_refused_before_parsing(tmp_path: Path):
    """300,000 columns once filled the machine's memory in the parser."""
    path = tmp_path / "wide.csv"
    width = MAX_COLUMNS + 1
    path.write_text(",".join(f"c{i}" for i in range(width)) + "\n" + "x," * (width - 1) + "x\n")
    with pytest.raises(DeliveryError, match="delimiter"):
        read_csv(duckdb.connect(), path, FileFormat())


def test_a_parser_refusal_is_a_delivery_error(tmp_path: Path, monkeypatch):
    """DuckDB 2.0 names it InvalidInputException; catching a name it lacks turned every parser
    refusal into "internal error (AttributeError)"."""
    path = tmp_path / "ok.csv"
    path.write_text("a,b\n1,2\n")
    real_run = readers.run

    def refusing(con, sql, *args):
        if "read_csv(" in sql:
            raise duckdb.InvalidInputException("Invalid Input Error: something the parser refused")
        return real_run(con, sql, *args)

    monkeypatch.setattr(readers, "run", refusing)
    with pytest.raises(DeliveryError, match="the CSV parser stopped"):
        read_csv(duckdb.connect(), path, FileFormat())
