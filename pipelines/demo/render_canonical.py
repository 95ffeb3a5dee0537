"""Render a world as canonical CSV deliveries (DESIGN section 2): one folder per partner system.

Other partner shapes (jobcenter exports, Excel workbooks, REST APIs) are further renderers of
the same ``World``; this one writes exactly the contract, so it is also the reference shape.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from pipelines.demo.world import FRAMES, World
from pipelines.ingest.contract import ENTITIES


def _as_text(series: pd.Series) -> pa.Array:
    """Contract text for one column: ISO dates, true/false, '.' decimals, blank for missing."""
    if pd.api.types.is_bool_dtype(series):
        return pa.array(series.map({True: "true", False: "false"}), type=pa.string())
    if pd.api.types.is_datetime64_any_dtype(series):
        return pa.array(series.dt.strftime("%Y-%m-%d"), type=pa.string())
    if pd.api.types.is_float_dtype(series):
        text = series.map(lambda v: "" if pd.isna(v) else f"{v:g}")
        return pa.array(text, type=pa.string())
    return pa.array(series.astype("string").fillna(""), type=pa.string())


def render_canonical(world: World, drop_dir: Path) -> list[Path]:
    """Write ``<drop_dir>/<partner_system>/<entity>.csv`` for every partner system and entity."""
    written: list[Path] = []
    for name in FRAMES:
        frame = world.frame(name)
        columns = ENTITIES[name].column_names
        for system, rows in frame.groupby("partner_system", sort=True):
            folder = drop_dir / str(system)
            folder.mkdir(parents=True, exist_ok=True)
            table = pa.table({c: _as_text(rows[c]) for c in columns})
            path = folder / f"{name}.csv"
            pacsv.write_csv(table, path, write_options=pacsv.WriteOptions(quoting_style="needed"))
            written.append(path)
    return written
