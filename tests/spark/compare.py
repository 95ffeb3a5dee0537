"""Compare one relation as built by two engines: the same columns, the same rows, numbers within
a tolerance. Rows are matched by sorting, so neither engine's row order matters."""

from __future__ import annotations

import numpy as np
import pandas as pd

# columns that differ between builds by design: when a row was built, and the fingerprints of
# metric periods and enrolments (a sum of 64-bit hashes, whose function each engine has its own
# of; they only tell an incremental run which groups changed, and the rows they guard are
# compared)
IGNORED_COLUMNS = {"_built_at", "period_fingerprint", "enrolment_fingerprint"}
TOLERANCE = 1e-9


def _is_numeric(series: pd.Series) -> bool:
    if pd.api.types.is_bool_dtype(series) or pd.api.types.is_numeric_dtype(series):
        return True
    sample = series.dropna()
    if sample.empty:
        return False
    import decimal

    return isinstance(sample.iloc[0], (int, float, decimal.Decimal, np.number))


def _all(series: pd.Series, test) -> bool:
    values = series.dropna()
    return not values.empty and bool(values.map(test).all())


def _as_text(series: pd.Series) -> pd.Series:
    """Exact columns as text (dates and timestamps in ISO form, booleans as true/false); None
    where null, whichever engine and driver produced them."""
    if pd.api.types.is_datetime64_any_dtype(series) or _all(
        series, lambda v: hasattr(v, "isoformat")
    ):
        converted = pd.to_datetime(series)
        return converted.map(lambda v: None if pd.isna(v) else v.isoformat()).astype(object)
    if pd.api.types.is_bool_dtype(series) or _all(series, lambda v: isinstance(v, bool | np.bool_)):
        return series.map(lambda v: None if pd.isna(v) else str(bool(v)).lower()).astype(object)
    return series.map(lambda v: None if v is None or (isinstance(v, float) and np.isnan(v))
                      else str(v)).astype(object)  # fmt: skip


def _normalised(frame: pd.DataFrame, numeric: list[str], exact: list[str]) -> pd.DataFrame:
    out = pd.DataFrame(index=frame.index)
    for column in exact:
        out[column] = _as_text(frame[column])
    for column in numeric:
        out[column] = pd.to_numeric(frame[column].astype(object), errors="raise").astype(float)
    # sort by the exact columns, then by numbers rounded to 6 places: float noise between the
    # engines cannot reorder rows
    keys = pd.DataFrame({c: out[c].fillna("\x00") for c in exact}, index=out.index)
    for column in numeric:
        keys[column] = out[column].round(6).fillna(-np.inf)
    order = keys.sort_values(list(keys.columns), kind="mergesort").index
    return out.loc[order].reset_index(drop=True)


def differences(
    name: str, expected: pd.DataFrame, actual: pd.DataFrame, limit: int = 5
) -> list[str]:
    """Human-readable differences between two builds of relation ``name`` (empty: equal)."""
    expected = expected.rename(columns=str.lower)
    actual = actual.rename(columns=str.lower)
    left = set(expected.columns) - IGNORED_COLUMNS
    right = set(actual.columns) - IGNORED_COLUMNS
    if left != right:
        return [f"{name}: columns differ: only in DuckDB {sorted(left - right)}, "
                f"only in Spark {sorted(right - left)}"]  # fmt: skip
    if len(expected) != len(actual):
        return [f"{name}: {len(expected)} rows in DuckDB, {len(actual)} in Spark"]
    columns = sorted(left)
    numeric = [
        c for c in columns
        if _is_numeric(expected[c]) and _is_numeric(actual[c])
        and not pd.api.types.is_bool_dtype(expected[c])
    ]  # fmt: skip
    exact = [c for c in columns if c not in numeric]
    duck = _normalised(expected, numeric, exact)
    spark = _normalised(actual, numeric, exact)
    found = []
    for column in columns:
        a, b = duck[column], spark[column]
        if column in numeric:
            same = np.isclose(a, b, rtol=TOLERANCE, atol=TOLERANCE) | (a.isna() & b.isna())
        else:
            same = (a == b) | (a.isna() & b.isna())
        for row in np.flatnonzero(~np.asarray(same))[: limit - len(found)]:
            found.append(f"{name}.{column}: DuckDB {a.iloc[row]!r}, Spark {b.iloc[row]!r} "
                         f"(row {duck.iloc[row].to_dict()})")  # fmt: skip
        if len(found) >= limit:
            break
    return found
