"""The malformed-input battery: every case is one broken delivery beside a good partner's.

For each case the test asserts the specific outcome (failed with a reason that says what to do,
or loaded with the bad rows quarantined under the expected rule), that rows read = rows loaded +
rows quarantined for every delivery, that the good partner's delivery still loaded in full, and
that no delivered ID value appears in the deliveries or quarantine tables.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from pipelines.demo.partner_api import PartnerApiSimulator
from pipelines.ingest.deliveries import Ingestor
from pipelines.ingest.partners import load_partner_systems

PEPPER = b"battery-pepper"
HEADER = "person_id,date,planned_hours,attended_hours,absence_reason,enrolment_id"
GOOD = [f"P{i:03d},2024-03-{i + 1:02d},7,7,,E{i:03d}" for i in range(5)]
CONFIGS = {
    "canonical.yaml": """
partners: [good, bad]
source: {kind: files}
entities:
  participants: {file: "participants*.csv"}
  enrolments: {file: "enrolments*.csv"}
  attendance: {file: "attendance*.csv"}
  measurements: {file: "measurements*.csv"}
  outcomes: {file: "outcomes*.csv"}
""",
    "jobcenter.yaml": """
partners: [jc]
person_id: cpr
source: {kind: files}
format: {delimiter: ";", encoding: cp1252, decimal: ",", date_formats: ["%d-%m-%Y"]}
entities:
  outcomes:
    file: "status*.csv"
    columns: {person_id: CPR, status: Status, status_from: Fra}
    values: {status: {Fleksjob: FLEX_JOB, Ordinært job: ORDINARY_JOB}}
""",
    "workbook.yaml": """
partners: [wb]
source: {kind: files}
format: {kind: xlsx}
entities:
  measurements:
    file: "*.xlsx"
    sheet: Trivsel
    columns: {person_id: Nr, assessed_on: Dato}
    wide_scores: {instrument: TRIVSEL5, items: {Humør: MOOD, Energi: ENERGY}}
""",
    "api.yaml": """
partners: [apipartner]
source: {kind: api, base_url: "http://127.0.0.1:1/{partner}", base_url_env: BATTERY_API_URL,
         token_env: BATTERY_API_TOKEN, page_size: 2, timeout_seconds: 1, retries: 2,
         backoff_seconds: 0.01}
entities:
  attendance: {endpoint: sessions}
""",
}


@dataclass
class Case:
    name: str
    partner: str
    files: dict[str, bytes]  # file name -> bytes, in the partner's drop folder
    status: str  # expected status of the partner's delivery
    rules: tuple[str, ...] = ()  # expected quarantine rules
    error: str = ""  # expected words in the failure reason
    api: list[dict] | None = None  # records for the API simulator
    fault: dict | None = None


def csv(*rows: str, header: str = HEADER, encoding: str = "utf-8", eol: str = "\n") -> bytes:
    return (eol.join([header, *rows]) + eol).encode(encoding)


def xlsx(rows: list[list], sheet: str = "Trivsel") -> bytes:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


WB_GOOD = [
    ["Nr", "Dato", "Humør", "Energi"],
    ["W1", "2024-03-01", 3, 4],
    ["W2", "2024-03-01", 5, 1],
]
API_GOOD = [
    {"person_id": f"A{i}", "date": "2024-03-04", "planned_hours": 5, "attended_hours": 4,
     "updated_at": f"2024-03-0{i + 1}T00:00:00Z"}
    for i in range(5)
]  # fmt: skip
ATT = "attendance.csv"

CASES = [
    # -------- whole-file problems: recorded as failed, with a reason that says what to do
    Case("zero_byte_file", "bad", {ATT: b""}, "failed", error="empty"),
    Case("binary_file", "bad", {ATT: bytes(range(256)) * 8}, "failed", error="binary"),
    Case("png_named_csv", "bad", {ATT: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}, "failed",
         error="binary"),
    Case("latin1_declared_utf8", "bad", {ATT: csv(GOOD[0], header=HEADER + ",note",
         encoding="latin-1").replace(b"E000", b"E\xe6\xf8\xe5")}, "failed", error="encoding"),
    Case("missing_required_column", "bad",
         {ATT: csv("P1,2024-03-01,7", header="person_id,date,planned_hours")}, "failed",
         error="attended_hours"),
    Case("header_only_wrong_delimiter", "bad",
         {ATT: csv("P1;2024-03-01;7;7;;E1", header=HEADER.replace(",", ";"))}, "failed",
         error="missing"),
    Case("duplicate_header", "bad", {ATT: csv(GOOD[0] + ",7", header=HEADER + ",date")},
         "failed", error="twice"),
    Case("empty_first_line", "bad", {ATT: b"\n" + csv(*GOOD)}, "failed", error="first line"),
    Case("headerless_file_with_ids", "bad",
         {ATT: csv(*GOOD[1:], header="0101901234,2024-03-01,7,6,sick,E000")}, "failed",
         error="looks like data"),
    Case("file_matches_no_entity", "bad", {"notes.txt": b"hello"}, "failed",
         error="matches no entity"),
    Case("truncated_xlsx", "wb", {"scores.xlsx": xlsx(WB_GOOD)[:400]}, "failed",
         error="Excel"),
    Case("xlsx_missing_sheet", "wb", {"scores.xlsx": xlsx(WB_GOOD, sheet="Ark1")}, "failed",
         error="no sheet named"),
    Case("xlsx_missing_item_column", "wb",
         {"scores.xlsx": xlsx([["Nr", "Dato", "Humør"], ["W1", "2024-03-01", 3]])}, "failed",
         error="Energi"),
    # -------- row problems: loaded, the bad rows quarantined under the named rule
    Case("impossible_date", "bad", {ATT: csv(*GOOD, "P9,2024-02-30,7,7,,E9")},
         "loaded_with_quarantine", ("invalid_date",)),
    Case("date_far_in_future", "bad", {ATT: csv(*GOOD, "P9,2099-01-01,7,7,,E9")},
         "loaded_with_quarantine", ("date_out_of_range",)),
    Case("non_numeric_hours", "bad", {ATT: csv(*GOOD, "P9,2024-03-09,seven,7,,E9")},
         "loaded_with_quarantine", ("not_a_number",)),
    Case("negative_hours", "bad", {ATT: csv(*GOOD, "P9,2024-03-09,-1,0,,E9")},
         "loaded_with_quarantine", ("out_of_range",)),
    Case("more_attended_than_planned", "bad", {ATT: csv(*GOOD, "P9,2024-03-09,4,6,,E9")},
         "loaded_with_quarantine", ("attended_more_than_planned",)),
    Case("nan_hours", "bad", {ATT: csv(*GOOD, "P9,2024-03-09,nan,0,,E9")},
         "loaded_with_quarantine", ("not_a_number",)),
    Case("unknown_absence_code", "bad", {ATT: csv(*GOOD, "P9,2024-03-09,7,0,holiday,E9")},
         "loaded_with_quarantine", ("unknown_code",)),
    Case("blank_required_value", "bad", {ATT: csv(*GOOD, "P9,2024-03-09,,0,,E9")},
         "loaded_with_quarantine", ("missing_value",)),
    Case("duplicate_rows", "bad", {ATT: csv(*GOOD, GOOD[2], GOOD[2])},
         "loaded_with_quarantine", ("duplicate_key",)),
    Case("too_many_fields", "bad", {ATT: csv(*GOOD, "P9,2024-03-09,7,7,,E9,extra")},
         "loaded_with_quarantine", ("unparseable_line",)),
    Case("too_few_fields", "bad", {ATT: csv(GOOD[0], "P9,2024-03-09", *GOOD[1:])},
         "loaded_with_quarantine", ("unparseable_line",)),
    Case("sql_injection_in_person_id", "bad",
         {ATT: csv(*GOOD, "'; DROP TABLE raw.attendance; --,2024-03-09,7,7,,E9")},
         "loaded_with_quarantine", ("bad_local_id",)),
    Case("formula_injection_in_enrolment_id", "bad",
         {ATT: csv(*GOOD, 'P9,2024-03-09,7,7,,"=HYPERLINK(""http://x"")"')},
         "loaded_with_quarantine", ("invalid_id",)),
    Case("invalid_cpr_in_cpr_system", "jc", {"status.csv": csv(
         "010190-1234;Fleksjob;01-02-2024", "320190-1234;Fleksjob;01-02-2024",
         header="CPR;Status;Fra", encoding="cp1252", eol="\r\n")},
         "loaded_with_quarantine", ("invalid_cpr",)),
    Case("local_id_in_cpr_system", "jc", {"status.csv": csv(
         "010190-1234;Fleksjob;01-02-2024", "P0001;Fleksjob;01-02-2024",
         header="CPR;Status;Fra", encoding="cp1252")}, "loaded_with_quarantine",
         ("cpr_expected",)),
    Case("unknown_danish_status_word", "jc", {"status.csv": csv(
         "010190-1234;Fleksjob;01-02-2024", "020290-1234;Efterskole;01-02-2024",
         header="CPR;Status;Fra", encoding="cp1252")}, "loaded_with_quarantine",
         ("unknown_code",)),
    Case("xlsx_score_out_of_scale", "wb",
         {"scores.xlsx": xlsx([*WB_GOOD, ["W3", "2024-03-01", 9, 2]])},
         "loaded_with_quarantine", ("score_out_of_range",)),
    Case("xlsx_text_in_score_cell", "wb",
         {"scores.xlsx": xlsx([*WB_GOOD, ["W3", "2024-03-01", "godt", 2]])},
         "loaded_with_quarantine", ("not_a_number",)),
    # -------- shapes that must load cleanly
    Case("utf8_bom_crlf", "bad", {ATT: b"\xef\xbb\xbf" + csv(*GOOD, eol="\r\n")}, "loaded"),
    Case("extra_unknown_column_is_ignored", "bad",
         {ATT: csv(*(g + ",note" for g in GOOD), header=HEADER + ",comment")}, "loaded"),
    Case("columns_in_another_order", "bad", {ATT: csv(
         "E1,,7,7,2024-03-01,P1", header="enrolment_id,absence_reason,attended_hours,"
         "planned_hours,date,person_id")}, "loaded"),
    Case("cp1252_danish_dates_decimal_comma", "jc", {"status.csv": csv(
         "010190-1234;Ordinært job;31-01-2024", header="CPR;Status;Fra", encoding="cp1252")},
         "loaded"),
    # -------- API problems: the pull fails as a whole, nothing partial is loaded
    Case("api_500_every_attempt", "apipartner", {}, "failed", error="after 3 attempts",
         api=API_GOOD, fault={"page": 2, "kind": "500"}),
    Case("api_timeout", "apipartner", {}, "failed", error="timed out", api=API_GOOD,
         fault={"page": 1, "kind": "timeout"}),
    Case("api_malformed_json", "apipartner", {}, "failed", error="not valid JSON", api=API_GOOD,
         fault={"page": 3, "kind": "malformed"}),
    Case("api_page_missing", "apipartner", {}, "failed", error="missing", api=API_GOOD,
         fault={"page": 2, "kind": "missing"}),
    Case("api_flaky_then_fine", "apipartner", {}, "loaded", api=API_GOOD,
         fault={"page": 2, "kind": "flaky"}),
    Case("api_bad_record", "apipartner", {}, "loaded_with_quarantine", ("invalid_date",),
         api=[*API_GOOD, {**API_GOOD[0], "person_id": "A9", "date": "2024-13-01"}]),
]  # fmt: skip


def test_the_battery_has_at_least_30_distinct_cases():
    assert len(CASES) >= 30
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.fixture(scope="module")
def partner_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("partners")
    for name, text in CONFIGS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_malformed_delivery(case: Case, partner_dir: Path, tmp_path: Path, monkeypatch):
    drop = tmp_path / "drop"
    (drop / "good").mkdir(parents=True)
    (drop / "good" / ATT).write_bytes(csv(*GOOD))
    folder = drop / case.partner
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in case.files.items():
        (folder / name).write_bytes(data)
    simulator = None
    if case.api is not None:
        api_dir = tmp_path / "api"
        (api_dir / case.partner).mkdir(parents=True)
        lines = "".join(json.dumps(r) + "\n" for r in case.api)
        (api_dir / case.partner / "sessions.jsonl").write_text(lines)
        if case.fault:
            (api_dir / "faults.json").write_text(
                json.dumps({f"{case.partner}/sessions": case.fault})
            )
        simulator = PartnerApiSimulator(api_dir, token="t0ken").start()
        monkeypatch.setenv("BATTERY_API_URL", simulator.url)
        monkeypatch.setenv("BATTERY_API_TOKEN", "t0ken")
    con = duckdb.connect()
    try:
        con.execute("attach ? as wh", [str(tmp_path / "wh.duckdb")]).fetchall()
        systems = load_partner_systems(partner_dir)
        sources = ("files", "api") if case.api is not None else ("files",)
        Ingestor(con, drop, tmp_path / "landing", systems, PEPPER).run(sources)
        deliveries = con.sql("select * from wh.raw.deliveries").df()
        quarantine = con.sql("select * from wh.raw.quarantine").df()
    finally:
        con.close()
        if simulator:
            simulator.stop()

    # nothing lost: read = loaded + quarantined for every delivery
    assert (deliveries.rows_read == deliveries.rows_loaded + deliveries.rows_quarantined).all()
    # the good partner is untouched by the bad one
    good = deliveries[deliveries.partner == "good"]
    assert good.status.tolist() == ["loaded"] and good.rows_loaded.tolist() == [5]
    # the case's own outcome
    mine = deliveries[deliveries.partner == case.partner]
    assert len(mine) == 1, mine
    record = mine.iloc[0]
    assert record.status == case.status, record.error
    if case.error:
        assert case.error.lower() in record.error.lower(), record.error
    if case.status == "failed":
        assert record.rows_loaded == 0
    if case.rules:
        rows = quarantine[quarantine.delivery_id == record.delivery_id]
        assert set(rows.rule) == set(case.rules), rows[["rule", "message"]]
        assert record.rows_quarantined == rows.source_row.nunique() >= 1
        assert rows.message.str.startswith("Row ").all()
        assert rows.message_da.str.startswith("Række ").all()
    # no delivered ID value reaches the tables
    text = deliveries.to_csv() + quarantine.to_csv()
    for secret in ("DROP TABLE", "HYPERLINK", "320190", "010190", "0101901234", "P0001", "P9,"):
        assert secret not in text
    shutil.rmtree(tmp_path / "landing", ignore_errors=True)
