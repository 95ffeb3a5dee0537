"""Partner configs: the shipped ones load; a wrong one fails with file, key and fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.demo.world import reference
from pipelines.ingest.partners import PartnerConfigError, load_partner_system, load_partner_systems
from pipelines.settings import PARTNERS_DIR

GOOD = """
partners: [a]
source: {kind: files}
entities:
  attendance: {file: "attendance*.csv"}
"""


def test_shipped_configs_cover_every_demo_partner_once():
    systems = load_partner_systems(PARTNERS_DIR)
    assert set(systems) == {"canonical", "jobcenter_export", "company_workbook", "journal_api"}
    partners = [p for s in systems.values() for p in s.partners]
    assert sorted(partners) == sorted(reference("partnerships")["partner_system"])


@pytest.mark.parametrize(
    ("text", "key", "fix"),
    [
        (GOOD.replace("files}", "ftp}"), "source", "files"),
        (GOOD.replace("attendance:", "attendence:"), "entities.attendence", "use one of"),
        (GOOD + "format: {encoding: klingon}", "format.encoding", "cp1252"),
        (GOOD + "format: {date_formats: ['%d-%m']}", "format.date_formats", "%Y"),
        (GOOD + "person_id: ssn", "person_id", "'cpr'"),
        (GOOD.replace('{file: "attendance*.csv"}', "{columns: {date: Dato}}"),
         "entities.attendance.file", "file glob"),
        (GOOD.replace('"attendance*.csv"}', '"a*.csv", columns: {dato: Dato}}'),
         "entities.attendance.columns.dato", "use one of"),
        (GOOD + "colour: blue", "colour", "Extra inputs"),
        (GOOD.replace("[a]", "[a/b]"), "partners", "ASCII"),
        ("partners: [a", "(YAML)", "YAML"),
    ],
)  # fmt: skip
def test_a_wrong_config_names_file_key_and_fix(tmp_path: Path, text, key, fix):
    path = tmp_path / "partner.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PartnerConfigError) as err:
        load_partner_system(path)
    message = str(err.value)
    assert str(path) in message
    assert key.strip("()") in message or key == "(YAML)"
    assert fix in message


def test_a_partner_in_two_configs_is_an_error(tmp_path: Path):
    (tmp_path / "one.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "two.yaml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(PartnerConfigError, match=r"already configured in .*one\.yaml"):
        load_partner_systems(tmp_path)


def test_a_fixed_config_retries_the_failed_delivery(tmp_path: Path):
    """A delivery that failed under one config is tried again once the config changes."""
    import duckdb

    from pipelines.ingest.deliveries import Ingestor

    (tmp_path / "drop" / "a").mkdir(parents=True)
    (tmp_path / "drop" / "a" / "attendance.csv").write_text(
        "person_id;date;planned_hours;attended_hours\nP1;2024-03-01;7;6\n", encoding="utf-8"
    )
    configs = tmp_path / "partners"
    configs.mkdir()
    con = duckdb.connect()
    con.execute("attach ? as wh", [str(tmp_path / "wh.duckdb")]).fetchall()

    def run():
        systems = load_partner_systems(configs)
        return Ingestor(con, tmp_path / "drop", tmp_path / "landing", systems, b"p").run()

    (configs / "a.yaml").write_text(GOOD, encoding="utf-8")
    assert [d.status for d in run().delivered] == ["failed"]
    assert run().delivered == []  # same bytes, same config: not tried again
    (configs / "a.yaml").write_text(GOOD + 'format: {delimiter: ";"}', encoding="utf-8")
    assert [(d.status, d.rows_loaded) for d in run().delivered] == [("loaded", 1)]
    statuses = con.execute("select status from wh.raw.deliveries").fetchall()
    assert statuses == [("loaded",)]  # the failed record was replaced, not duplicated
    con.close()


def test_a_file_delivered_before_is_hashed_again_only_once_it_changes(tmp_path: Path):
    """The quick check: a file with the name, size and modification time of a delivered one is
    known by its recorded checksum and not read; a changed modification time has it read."""
    import os

    import duckdb

    from pipelines.ingest.deliveries import Ingestor

    drop = tmp_path / "drop" / "a"
    drop.mkdir(parents=True)
    path = drop / "attendance.csv"
    path.write_text("person_id;date;planned_hours;attended_hours\nP1;2024-03-01;7;6\n")
    configs = tmp_path / "partners"
    configs.mkdir()
    (configs / "a.yaml").write_text(GOOD + 'format: {delimiter: ";"}', encoding="utf-8")
    con = duckdb.connect()
    con.execute("attach ? as wh", [str(tmp_path / "wh.duckdb")]).fetchall()

    def run():
        systems = load_partner_systems(configs)
        return Ingestor(con, tmp_path / "drop", tmp_path / "landing", systems, b"p").run()

    first = run().delivered
    assert [(d.status, d.rows_loaded) for d in first] == [("loaded", 1)]
    stat = path.stat()
    # other bytes of the same size under the same modification time: taken as the same file
    path.write_text("person_id;date;planned_hours;attended_hours\nP1;2024-03-01;7;5\n")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    report = run()
    assert report.delivered == [] and report.unchanged == 1
    # a new modification time (any edit, or `touch`) has the file hashed and loaded again
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    again = run().delivered
    assert [(d.status, d.rows_changed) for d in again] == [("loaded", 1)]
    assert again[0].checksum != first[0].checksum
    recorded = con.execute(
        "select source_mtime_ns from wh.raw.deliveries order by delivery_seq"
    ).fetchall()
    assert recorded == [(stat.st_mtime_ns,), (stat.st_mtime_ns + 1_000_000_000,)]
    con.close()
