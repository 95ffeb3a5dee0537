"""Compare one relation as built by two engines: the same columns, the same rows, numbers within
a tolerance. Rows are matched by sorting, so neither engine's row order matters."""

from __future__ import annotations

import datetime as dt
import decimal
import math

import pandas as pd

# columns that differ between any two builds by design (when a row was built)
IGNORED_COLUMNS = {"_built_at"}
TOLERANCE = 1e-9


def _canonical(value):
    """One Python representation per value, whichever engine and driver produced it."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, decimal.Decimal)) and not isinstance(value, bool):
        number = float(value)
        return None if math.isnan(number) else number
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        return _canonical(value.item())
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        return pd.Timestamp(value).isoformat()
    if isinstance(value, dt.date):
        return pd.Timestamp(value).isoformat()
    return value


def canonical_rows(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    """The frame's rows as tuples of canonical values (in ``columns`` order)."""
    return [
        tuple(_canonical(v) for v in row)
        for row in frame[columns].astype(object).itertuples(index=False)
    ]


def _sorted(rows: list[tuple], floats: set[int]) -> list[tuple]:
    """Rows in a deterministic order: by the exact columns first, then by the float columns
    rounded to 6 places, so float noise between engines cannot reorder rows."""

    def key(row):
        exact = tuple((v is None, str(v)) for i, v in enumerate(row) if i not in floats)
        rounded = tuple((v is None, round(v, 6) if v is not None else 0.0)
                        for i, v in enumerate(row) if i in floats)  # fmt: skip
        return exact, rounded

    return sorted(rows, key=key)


def differences(name: str, expected: pd.DataFrame, actual: pd.DataFrame, limit: int = 5) -> list[str]:
    """Human-readable differences between two builds of relation ``name`` (empty: equal)."""
    left = {c.lower() for c in expected.columns} - IGNORED_COLUMNS
    right = {c.lower() for c in actual.columns} - IGNORED_COLUMNS
    if left != right:
        return [f"{name}: columns differ: only in DuckDB {sorted(left - right)}, "
                f"only in Spark {sorted(right - left)}"]  # fmt: skip
    if len(expected) != len(actual):
        return [f"{name}: {len(expected)} rows in DuckDB, {len(actual)} in Spark"]
    columns = sorted(left)
    expected = expected.rename(columns=str.lower)
    actual = actual.rename(columns=str.lower)
    duck, spark = canonical_rows(expected, columns), canonical_rows(actual, columns)
    floats = {i for rows in (duck, spark) for row in rows for i, v in enumerate(row)
              if isinstance(v, float)}  # fmt: skip
    found = []
    for a, b in zip(_sorted(duck, floats), _sorted(spark, floats), strict=True):
        for column, x, y in zip(columns, a, b, strict=True):
            same = (
                math.isclose(x, y, rel_tol=TOLERANCE, abs_tol=TOLERANCE)
                if isinstance(x, float) and isinstance(y, float)
                else x == y
            )
            if not same:
                found.append(f"{name}.{column}: DuckDB {x!r}, Spark {y!r} (row {dict(zip(columns, a))})")
                break
        if len(found) >= limit:
            break
    return found
