"""`dtks import`: baseline files in, a report of rejected rows out."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib

from click.testing import CliRunner
from openpyxl import Workbook

from dtks.cli import main
from events.readside import ReadSide
from tests.support import DESA, family_of_three, kk, nik
from workflow.app import open_ledger
from workflow.domain.baseline import Baseline
from workflow.domain.registry import Person

HEADER = [
    "kk",
    "desa",
    "address",
    "nik",
    "name",
    "birth_date",
    "sex",
    "relationship",
    "disability",
    "occupation",
]


def english_rows(kk_number, members, desa=DESA):
    return [
        [
            kk_number,
            desa,
            "RT 01 RW 02",
            m["nik"],
            m["name"],
            m["birth_date"],
            m["sex"],
            m["relationship"],
            "",
            "Buruh tani",
        ]
        for m in members
    ]


def write_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([HEADER, *rows])
    return path


def run(url, *args):
    return CliRunner().invoke(
        main, ["import", *map(str, args)], env={"DTKS_DATABASE_URL": url}
    )


def test_bad_families_go_to_the_report_and_the_rest_is_imported(store_url, tmp_path):
    good_kk, good = family_of_three(1)
    sex_kk, sex_family = family_of_three(20)
    date_kk, date_family = family_of_three(40)
    dup_kk = kk("2018-08-08", 8)
    rows = [
        *english_rows(good_kk, good),  # lines 2-4
        *english_rows(sex_kk, [{**sex_family[0], "sex": "F"}, *sex_family[1:]]),
        *english_rows(date_kk, [{**date_family[0], "birth_date": "1984-02-30"}]),
        *english_rows("3320011203", family_of_three(60)[1][:1]),  # line 9
        *english_rows(
            kk("2017-07-07", 7), family_of_three(80)[1][:1], desa="33.20.01.9999"
        ),  # line 10
        [
            "",
            DESA,
            "",
            nik("1970-01-01", "M", 91),
            "Tanpa KK",
            "1970-01-01",
            "M",
            "head",
            "",
            "",
        ],  # line 11
        *english_rows(dup_kk, good[:1]),  # line 12
    ]
    result = run(
        store_url,
        write_csv(tmp_path / "jepara.csv", rows),
        "--effective-on",
        "2026-01-01",
    )
    assert result.exit_code == 0, result.output
    assert "imported 1 families (3 people)" in result.output

    with (tmp_path / "jepara.csv.rejected.csv").open() as report:
        found = list(csv.DictReader(report))
    assert [int(r["line"]) for r in found] == [5, 6, 7, 8, 9, 10, 11, 12]
    reasons = {int(r["line"]): r["reason"] for r in found}
    assert "sex F contradicts NIK" in reasons[5]
    assert "another row of the family" in reasons[6]
    assert "not a real date" in reasons[8]
    assert "No. KK must be exactly 16 digits" in reasons[9]
    assert "33.20.01.9999 is not a Kemendagri region code" in reasons[10]
    assert reasons[11] == "the row has no No. KK"
    assert f"is also in family {good_kk}" in reasons[12]

    ledger = open_ledger(store_url)
    assert ledger.person(good[0]["nik"], {}).kk == good_kk
    assert not ledger.person(sex_family[1]["nik"], {}).registered
    family = ReadSide(ledger).fresh().family(good_kk, "2026-01-01")
    assert sorted(m["nik"] for m in family["members"]) == sorted(m["nik"] for m in good)


def test_importing_the_same_file_again_adds_nobody(store_url, tmp_path):
    kk_number, members = family_of_three()
    path = write_csv(tmp_path / "jepara.csv", english_rows(kk_number, members))
    run(store_url, path, "--effective-on", "2026-01-01")
    ledger = open_ledger(store_url)
    before = ReadSide(ledger).fresh().stats("33.20", "2026-06-01")
    again = run(store_url, path, "--effective-on", "2026-01-01")
    assert "imported 0 families" in again.output
    assert "1 families were already registered" in again.output
    assert ReadSide(ledger).fresh().stats("33.20", "2026-06-01") == before
    enrolled = ledger.recorder.select_notifications(
        None, 1000, topics=[Person.Enrolled.TOPIC]
    )
    assert len(enrolled) == 3


def test_an_xlsx_with_siks_ng_headers_is_imported(sqlite_url, tmp_path):
    kk_number, members = family_of_three()
    book = Workbook()
    sheet = book.active
    sheet.append(
        [
            "No_KK",
            "Kode_Desa",
            "Alamat",
            "NIK",
            "Nama",
            "Tgl_Lahir",
            "Jenis_Kelamin",
            "Hubungan_Keluarga",
            "Disabilitas",
            "Pekerjaan",
        ]
    )
    head, wife, child = members
    sheet.append(
        [
            kk_number,
            DESA,
            "RT 02",
            head["nik"],
            head["name"],
            dt.date(1984, 2, 7),
            "L",
            "Kepala Keluarga",
            None,
            "Nelayan",
        ]
    )
    sheet.append(
        [
            kk_number,
            DESA,
            "RT 02",
            int(wife["nik"]),
            wife["name"],
            "21-06-1988",
            "P",
            "Istri",
            None,
            None,
        ]
    )
    sheet.append(
        [
            kk_number,
            DESA,
            "RT 02",
            child["nik"],
            child["name"],
            dt.datetime(2023, 1, 30),
            "L",
            "Anak",
            "Tunarungu",
            None,
        ]
    )
    book.save(tmp_path / "siks-ng.xlsx")
    result = run(sqlite_url, tmp_path / "siks-ng.xlsx", "--effective-on", "2026-01-01")
    assert "imported 1 families (3 people)" in result.output, result.output
    person = ReadSide(open_ledger(sqlite_url)).fresh().person(wife["nik"], "2026-02-01")
    assert (person["sex"], person["relationship"], person["birth_date"]) == (
        "F",
        "spouse",
        "1988-06-21",
    )


def test_the_baseline_is_attributed_dated_and_fingerprinted(store_url, tmp_path):
    kk_number, members = family_of_three()
    path = write_csv(tmp_path / "jepara.csv", english_rows(kk_number, members))
    run(store_url, path, "--effective-on", "2026-03-01", "--decree", "SK 460/7/2026")
    ledger = open_ledger(store_url)
    registry = ReadSide(ledger).fresh()
    assert registry.stats(DESA, "2026-02-28")["people"] == 0
    assert registry.stats(DESA, "2026-03-01")["people"] == 3
    started = ledger.recorder.select_notifications(
        None, 10, topics=[Baseline.Started.TOPIC]
    )
    state = ledger.mapper.to_domain_event(started[0])
    assert state.source["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert state.source["decree"] == "SK 460/7/2026"
    enrolled = ledger.mapper.to_domain_event(
        ledger.recorder.select_notifications(None, 10, topics=[Person.Enrolled.TOPIC])[
            0
        ]
    )
    assert enrolled.by["role"] == "system" and enrolled.by["id"].startswith("os:")


def test_a_file_that_cannot_be_read_exits_non_zero(sqlite_url, tmp_path):
    missing = run(sqlite_url, tmp_path / "none.csv")
    assert missing.exit_code != 0 and "does not exist" in missing.output
    (tmp_path / "data.txt").write_text("kk,nik\n")
    other = run(sqlite_url, tmp_path / "data.txt")
    assert other.exit_code != 0 and "only .csv and .xlsx" in other.output
    (tmp_path / "no-header.csv").write_text("a,b,c\n1,2,3\n")
    headless = run(sqlite_url, tmp_path / "no-header.csv")
    assert headless.exit_code != 0 and "has no column for kk" in headless.output
