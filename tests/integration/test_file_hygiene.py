"""Files the command line writes are private; workbooks are read defensively."""

from __future__ import annotations

import csv
import stat
import zipfile

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from dtks import workbook
from dtks.baseline_file import HEADER_ORDER
from dtks.cli import main
from dtks.workbook import FileError, workbook_rows
from tests.support import DESA, family_of_three


def dtks(url, *args):
    return CliRunner().invoke(
        main, [str(a) for a in args], env={"DTKS_DATABASE_URL": url}
    )


def mode_of(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_reject_report_is_private_and_its_cells_never_run_as_formulas(
    sqlite_url, tmp_path
):
    kk, members = family_of_three()
    rows = [
        [kk, DESA, "RT 1", *(m.get(c, "") for c in HEADER_ORDER[3:])] for m in members
    ]
    hostile = [
        "",
        DESA,
        "RT 1",
        '=HYPERLINK("http://evil","x")',
        "@SUM(A1)",
        "",
        "",
        "",
        "",
        "",
    ]
    source = tmp_path / "baseline.csv"
    with source.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([HEADER_ORDER, *rows, hostile])
    report = tmp_path / "report.csv"
    report.write_text("left by someone else\n")
    report.chmod(0o644)

    result = dtks(sqlite_url, "import", source, "--report", report)

    assert result.exit_code == 0, result.output
    assert mode_of(report) == 0o600
    rejected = list(csv.reader(report.open(encoding="utf-8")))
    assert rejected[1][1] == '\'=HYPERLINK("http://evil","x")'
    assert "left by someone else" not in report.read_text()


def test_an_exported_event_log_is_readable_by_its_owner_only(sqlite_url, tmp_path):
    backup = tmp_path / "events.jsonl"
    assert dtks(sqlite_url, "export-events", backup).exit_code == 0
    assert mode_of(backup) == 0o600


def laughs(path) -> None:
    """A workbook whose sheet expands an entity a billion times."""
    Workbook().save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    )
    parts["xl/worksheets/sheet1.xml"] = (
        f'<?xml version="1.0"?><!DOCTYPE lolz [{entities}]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c>'
        "</row></sheetData></worksheet>"
    ).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_a_workbook_with_an_entity_bomb_is_refused_not_expanded(tmp_path):
    path = tmp_path / "laughs.xlsx"
    laughs(path)
    with pytest.raises(FileError, match="cannot be read safely"):
        list(workbook_rows(path))


def test_a_workbook_over_the_row_cap_is_refused_naming_the_cap(tmp_path, monkeypatch):
    book = Workbook()
    for number in range(5):
        book.active.append([number])
    book.save(tmp_path / "long.xlsx")
    monkeypatch.setattr(workbook, "MAX_ROWS", 4)
    with pytest.raises(FileError, match="more than 4 rows; split the file"):
        list(workbook_rows(tmp_path / "long.xlsx"))


def test_a_workbook_that_unpacks_out_of_proportion_is_refused(tmp_path):
    path = tmp_path / "swollen.xlsx"
    Workbook().save(path)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * (50 << 20))
    with pytest.raises(FileError, match="unpacks to more than"):
        list(workbook_rows(path))
