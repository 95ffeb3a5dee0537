"""Render a world's rows for one partner through that partner's config, as its system would.

The renderer is the inverse of ingestion's mapping: contract columns are renamed to the
partner's names, contract codes replaced by the partner's words (the first word mapped to each
code), dates written in the partner's first date format, decimals with its decimal mark, scores
pivoted wide, files encoded as configured -- or, for an API partner, records written for the
bundled partner-system simulator to serve. So the demo exercises every shape with one world, and
a new shape needs a config, not a renderer.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from pipelines.demo.world import FRAMES, World
from pipelines.ingest.contract import ENTITIES
from pipelines.ingest.partners import ApiSource, EntityMapping, FileFormat, PartnerSystem

EXCEL_MAX_ROWS = 1_048_576  # rows of one worksheet, header included


def as_text(series: pd.Series) -> pd.Series:
    """Contract text for one column: ISO dates, true/false, '.' decimals, None for missing."""
    if pd.api.types.is_bool_dtype(series):
        return series.map({True: "true", False: "false"}).astype(object)
    if pd.api.types.is_datetime64_any_dtype(series):
        return series.dt.strftime("%Y-%m-%d").astype(object).where(series.notna(), None)
    if pd.api.types.is_float_dtype(series):
        return series.map(lambda v: None if pd.isna(v) else f"{v:g}").astype(object)
    return (
        series.astype(object)
        .where(series.notna(), None)
        .map(lambda v: None if v is None else str(v))
    )


def contract_text(world: World, partner: str, use_cpr: bool) -> dict[str, pd.DataFrame]:
    """The partner's rows of every entity as contract text (person_id = CPR or local ID)."""
    cpr = world.participants.set_index("person_id")["cpr"]
    out = {}
    for name in FRAMES:
        frame = world.frame(name)
        rows = frame[frame["partner_system"] == partner]
        text = pd.DataFrame({c: as_text(rows[c]) for c in ENTITIES[name].column_names})
        if use_cpr:
            text["person_id"] = rows["person_id"].map(cpr).to_numpy()
        out[name] = text.reset_index(drop=True)
    return out


def _format_dates(series: pd.Series, fmt: str) -> pd.Series:
    """ISO text to ``fmt`` by moving the parts, so an impossible date stays impossible."""

    def one(v):
        if v is None:
            return None
        y, m, d = v.split("-")
        return fmt.replace("%Y", y).replace("%m", m).replace("%d", d)

    return series.map(one)


def partner_shape(
    text: pd.DataFrame, entity: str, mapping: EntityMapping, fmt: FileFormat
) -> pd.DataFrame:
    """Contract text -> the partner's columns and words (Excel keeps real dates)."""
    excel = fmt.kind == "xlsx"
    frame = text.copy()
    for col in ENTITIES[entity].columns:
        if col.name in mapping.constants:
            frame = frame.drop(columns=col.name)
            continue
        if col.name in mapping.values:
            inverse: dict[str, str] = {}
            for word, code in mapping.values[col.name].items():
                inverse.setdefault(code, word)
            frame[col.name] = frame[col.name].map(lambda v, inv=inverse: inv.get(v, v))
        if col.kind == "date" and not excel and fmt.date_formats[0] != "%Y-%m-%d":
            frame[col.name] = _format_dates(frame[col.name], fmt.date_formats[0])
        if col.kind in ("decimal", "integer") and fmt.decimal == ",":
            frame[col.name] = frame[col.name].str.replace(".", ",", regex=False)
    if mapping.wide_scores:
        frame = _wide(frame, mapping)
    return frame.rename(columns={c: mapping.source_column(c) for c in frame.columns})


def _wide(frame: pd.DataFrame, mapping: EntityMapping) -> pd.DataFrame:
    wide = mapping.wide_scores
    column_of = {item: column for column, item in wide.items.items()}
    keys = ["person_id", "assessed_on", "instrument", "assessor_role"]
    frame = frame.fillna({"assessor_role": ""})
    out = frame.pivot_table(index=keys, columns="item", values="score", aggfunc="first",
                            sort=False).reset_index()  # fmt: skip
    out.columns.name = None
    out["assessor_role"] = out["assessor_role"].replace("", None)
    out = out.rename(columns=column_of)
    if wide.instrument_column:
        out = out.rename(columns={"instrument": wide.instrument_column})
    else:
        out = out.drop(columns="instrument")
    for column in wide.items:
        if column not in out:
            out[column] = None
    return out


def file_name(mapping: EntityMapping) -> str:
    """The file a renderer writes for a file pattern, e.g. ``borgere.csv`` for ``borgere*.csv``."""
    return mapping.file.replace("*", "")


def _to_excel_cell(column: str, value, date_columns: set[str]):
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if column in date_columns:
        try:
            return pd.Timestamp(value).date()
        except ValueError:
            return value  # an impossible date stays text, as a typo would in Excel
    return value


def _fix_zip_times(path: Path) -> None:
    """Give a workbook fixed timestamps, so the same world always gives the same bytes (and a
    second demo run re-delivers nothing new)."""
    import zipfile

    with zipfile.ZipFile(path) as src:
        entries = [(info.filename, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in entries:
            if name == "docProps/core.xml":  # created/modified stamps of the save
                data = re.sub(rb"<dcterms:(created|modified)([^>]*)>[^<]*<",
                              rb"<dcterms:\1\2>2025-01-01T00:00:00Z<", data)  # fmt: skip
            dst.writestr(zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0)), data)


def write_files(frames: dict[str, pd.DataFrame], system: PartnerSystem, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    fmt = system.format
    written = []
    if fmt.kind == "xlsx":
        import openpyxl

        books: dict[str, openpyxl.Workbook] = {}
        for entity, frame in frames.items():
            mapping = system.entities[entity]
            if len(frame) >= EXCEL_MAX_ROWS:
                raise ValueError(
                    f"{len(frame):,} {entity} rows do not fit one Excel sheet "
                    f"({EXCEL_MAX_ROWS:,} rows at most); generate large worlds with a CSV-shaped "
                    "partner config (as make bench does)"
                )
            book = books.setdefault(file_name(mapping), openpyxl.Workbook(write_only=True))
            sheet = book.create_sheet(mapping.sheet)
            sheet.append(list(frame.columns))
            source_dates = {mapping.source_column(c.name) for c in ENTITIES[entity].columns
                            if c.kind == "date"}  # fmt: skip
            for row in frame.itertuples(index=False):
                sheet.append([_to_excel_cell(c, v, source_dates)
                              for c, v in zip(frame.columns, row, strict=True)])  # fmt: skip
        for name, book in books.items():
            book.save(folder / name)
            _fix_zip_times(folder / name)
            written.append(folder / name)
        return written
    for entity, frame in frames.items():
        path = folder / file_name(system.entities[entity])
        if fmt.encoding in ("utf-8", "utf-8-sig") and fmt.delimiter != "\t":
            with path.open("wb") as sink:
                write_text_csv(frame, sink, delimiter=fmt.delimiter)
        else:
            frame.to_csv(path, sep=fmt.delimiter, index=False, encoding=fmt.encoding,
                         lineterminator="\r\n", quotechar=fmt.quote)  # fmt: skip
        written.append(path)
    return written


def write_text_csv(frame: pd.DataFrame, sink, delimiter: str = ",", header: bool = True) -> None:
    """``frame`` as UTF-8 CSV text into the binary file ``sink``, every value as a string."""
    table = pa.Table.from_pandas(frame.astype(object), preserve_index=False)
    table = table.cast(pa.schema([pa.field(c, pa.string()) for c in frame.columns]))
    options = pacsv.WriteOptions(delimiter=delimiter, quoting_style="needed", include_header=header)
    pacsv.write_csv(table, sink, write_options=options)


def write_api_records(frames: dict[str, pd.DataFrame], system: PartnerSystem, partner: str,
                      api_dir: Path, updated_at: str) -> list[Path]:  # fmt: skip
    """Records for the partner-system simulator: ``<api_dir>/<partner>/<endpoint>.jsonl``."""
    source = system.source
    assert isinstance(source, ApiSource)
    folder = api_dir / partner
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for entity, frame in frames.items():
        path = folder / f"{system.entities[entity].endpoint.strip('/')}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for record in frame.to_dict(orient="records"):
                record = {k: v for k, v in record.items() if v is not None and not pd.isna(v)}
                record[source.cursor_field] = updated_at
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        written.append(path)
    return written


def render_partner(
    text: dict[str, pd.DataFrame],
    system: PartnerSystem,
    partner: str,
    drop_dir: Path,
    api_dir: Path,
    updated_at: str,
) -> list[Path]:
    """Write ``partner``'s contract ``text`` (from ``contract_text``, perhaps with the demo's
    defects) in ``system``'s shape: files in its drop folder, or records for the simulator."""
    frames = {
        entity: partner_shape(text[entity], entity, mapping, system.format)
        for entity, mapping in system.entities.items()
    }
    if isinstance(system.source, ApiSource):
        return write_api_records(frames, system, partner, api_dir, updated_at)
    return write_files(frames, system, system.drop_folder(drop_dir, partner))
