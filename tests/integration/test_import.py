"""`dtks import`: baseline files in, a report of rejected rows out."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib

from openpyxl import Workbook

from dtks.baseline_file import HEADER_ORDER, read_families
from events.readside import ReadSide
from tests.importing import rows_of, run, write_csv
from tests.support import (
    DESA,
    OTHER_DESA,
    family_of_three,
    kk,
    member,
    nik,
)
from workflow.app import open_ledger
from workflow.domain.baseline import Baseline
from workflow.domain.person import Person

SIKS_NG = [
    "No. KK",
    "Kode Desa",
    "Alamat",
    "NIK",
    "Nama",
    "Tgl Lahir",
    "Jenis Kelamin (L/P)",
    "Hubungan Keluarga",
    "Disabilitas",
    "Pekerjaan",
]


def enrolled(ledger):
    return ledger.recorder.select_notifications(
        None, 100000, topics=[Person.Baselined.TOPIC, Person.Enrolled.TOPIC]
    )


def test_bad_families_are_reported_row_by_row_and_the_rest_imported(
    store_url, tmp_path
):
    good_kk, good = family_of_three(1)
    wrong_sex_kk, wrong_sex = family_of_three(20)
    lone = member("1950-05-05", "F", 70, "Mbah Sainem", "head")
    lone_kk = kk("2001-04-04", 70)
    split_kk, split = family_of_three(90)
    rows = [
        *rows_of(good_kk, good[:2]),  # lines 2-3; its child is on line 7
        *rows_of(wrong_sex_kk, [{**wrong_sex[0], "sex": "F"}, *wrong_sex[1:]]),
        *rows_of(good_kk, good[2:]),  # line 7
        *rows_of(kk("2019-09-09", 9), [{**lone, "birth_date": "1950-02-30"}]),
        *rows_of("3320011203", [member("1960-01-01", "M", 80, "Karto", "head")]),
        *rows_of(kk("2017-07-07", 7), [lone], desa="33.20.01.9999"),  # line 10
        ["", DESA, "", nik("1970-01-01", "M", 91), "Tanpa KK", "1970-01-01", "M"],
        *rows_of(kk("2018-08-08", 8), good[:1]),  # line 12: already in good_kk
        *rows_of(split_kk, split[:1]),  # line 13
        *rows_of(split_kk, split[1:2], desa=OTHER_DESA),  # line 14
        *rows_of(lone_kk, [lone]),  # line 15
    ]
    path = write_csv(tmp_path / "jepara.csv", rows)

    result = run(store_url, path, "--effective-on", "2026-01-01")

    assert result.exit_code == 0, result.output
    assert "imported: 2 families, 4 people" in result.output
    assert "rejected: 10 rows" in result.output
    with (tmp_path / "jepara.csv.rejected.csv").open() as report:
        found = [
            (int(r["line"]), r["nik"], r["reason"]) for r in csv.DictReader(report)
        ]
    split_reason = f"the rows of No. KK {split_kk} disagree on desa or address"
    expected = [
        (4, wrong_sex[0]["nik"], f"sex F contradicts NIK {wrong_sex[0]['nik']}"),
        (5, wrong_sex[1]["nik"], "another row of the family: members.0.sex"),
        (6, wrong_sex[2]["nik"], "another row of the family: members.0.sex"),
        (8, lone["nik"], "'1950-02-30' is not a real date"),
        (9, nik("1960-01-01", "M", 80), "No. KK must be exactly 16 digits"),
        (10, lone["nik"], "33.20.01.9999 is not a Kemendagri region code"),
        (11, nik("1970-01-01", "M", 91), "the row has no No. KK"),
        (12, good[0]["nik"], f"NIK {good[0]['nik']} is also in family {good_kk}"),
        (13, split[0]["nik"], split_reason),
        (14, split[1]["nik"], split_reason),
    ]
    assert [(line, n) for line, n, _ in found] == [(line, n) for line, n, _ in expected]
    for (_, _, reason), (line, _, words) in zip(found, expected, strict=True):
        assert words in reason, (line, reason)

    ledger = open_ledger(store_url)
    assert all(ledger.person(m["nik"], {}).registered for m in [*good, lone])
    assert not any(ledger.person(m["nik"], {}).registered for m in wrong_sex + split)
    registry = ReadSide(ledger).fresh()
    family = registry.family(good_kk, "2026-01-01")
    assert family["desa"] == DESA and family["address"] == "RT 01 RW 02"
    assert [m["nik"] for m in family["members"]] == sorted(m["nik"] for m in good)
    assert registry.family(wrong_sex_kk, "2026-01-01") is None


def test_importing_the_same_file_again_adds_nobody(store_url, tmp_path):
    families = [family_of_three(serial) for serial in (1, 20)]
    path = write_csv(
        tmp_path / "jepara.csv", [r for f in families for r in rows_of(*f)]
    )
    first = run(store_url, path, "--effective-on", "2026-01-01")
    assert "imported: 2 families, 6 people" in first.output, first.output
    ledger = open_ledger(store_url)
    before = ReadSide(ledger).fresh().stats("33.20", "2026-06-01")

    again = run(store_url, path, "--effective-on", "2026-01-01")

    assert again.exit_code == 0, again.output
    assert "imported: 0 families, 0 people" in again.output
    assert "already registered: 2 families" in again.output
    assert "rejected: 0 rows" in again.output
    assert ReadSide(ledger).fresh().stats("33.20", "2026-06-01") == before
    assert before["people"] == 6
    assert len(enrolled(ledger)) == 6


def test_an_xlsx_export_of_siks_ng_is_imported_with_its_codes(sqlite_url, tmp_path):
    kk_number, (head, wife, child) = family_of_three()
    book = Workbook()
    sheet = book.active
    sheet.append(SIKS_NG)
    place = [int(kk_number), DESA, "RT 02 RW 03"]
    born = dt.date(1984, 2, 7)
    sheet.append([*place, head["nik"], head["name"], born, "L", "Kepala Keluarga"])
    sheet.append([*place, int(wife["nik"]), wife["name"], "21-06-1988", "p", "ISTRI"])
    sheet.append([])  # a blank row still counts as a line of the sheet
    child_row = [child["nik"], child["name"], dt.datetime(2023, 1, 30), "L", "Anak"]
    sheet.append([*place, *child_row, "Tunarungu", "Belum bekerja"])
    book.save(tmp_path / "siks-ng.xlsx")

    result = run(sqlite_url, tmp_path / "siks-ng.xlsx", "--effective-on", "2026-01-01")

    assert "imported: 1 family, 3 people" in result.output, result.output
    registry = ReadSide(open_ledger(sqlite_url)).fresh()
    shown = {
        m["nik"]: (m["sex"], m["relationship"], m["birth_date"])
        for m in registry.family(kk_number, "2026-02-01")["members"]
    }
    assert shown == {
        head["nik"]: ("M", "head", "1984-02-07"),
        wife["nik"]: ("F", "spouse", "1988-06-21"),
        child["nik"]: ("M", "child", "2023-01-30"),
    }
    person = registry.person(child["nik"], "2026-02-01")
    assert (person["disability"], person["occupation"]) == (
        "Tunarungu",
        "Belum bekerja",
    )


def test_a_siks_ng_csv_saved_by_excel_is_read_as_written(tmp_path):
    kk_number, members = family_of_three()
    path = tmp_path / "siks-ng.csv"
    lines = [";".join(SIKS_NG)] + [
        f"{kk_number};{DESA};RT 02;{m['nik']};{m['name']};"
        f"{m['birth_date'][8:]}/{m['birth_date'][5:7]}/{m['birth_date'][:4]};"
        f"{'L' if m['sex'] == 'M' else 'P'};{rel};;"
        for m, rel in zip(members, ["Kepala Keluarga", "Istri", "Anak"], strict=True)
    ]
    path.write_text("\r\n".join(lines), encoding="utf-8-sig")  # Excel writes a BOM

    families, rejected = read_families(path)
    found = list(families)

    assert rejected == [] and families.rows == 3
    assert [(f.kk, f.desa, f.address, f.lines) for f in found] == [
        (kk_number, DESA, "RT 02", [2, 3, 4])
    ]
    assert found[0].members == [
        {k: m[k] for k in ("nik", "name", "birth_date", "sex", "relationship")}
        for m in members
    ]


def test_the_baseline_is_attributed_dated_and_fingerprinted(store_url, tmp_path):
    path = write_csv(tmp_path / "jepara.csv", rows_of(*family_of_three()))
    result = run(
        store_url, path, "--effective-on", "2026-03-01", "--decree", "SK 460/7/2026"
    )
    assert result.exit_code == 0, result.output
    ledger = open_ledger(store_url)
    registry = ReadSide(ledger).fresh()
    assert registry.stats(DESA, "2026-02-28")["people"] == 0
    assert registry.stats(DESA, "2026-03-01")["people"] == 3
    started = ledger.recorder.select_notifications(
        None, 10, topics=[Baseline.Started.TOPIC]
    )
    source = ledger.mapper.to_domain_event(started[0]).source
    assert source["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (source["decree"], source["effective_on"]) == ("SK 460/7/2026", "2026-03-01")
    people = [ledger.mapper.to_domain_event(n) for n in enrolled(ledger)]
    assert len(people) == 3
    assert all(
        p.by["role"] == "system" and p.by["id"].startswith("os:") for p in people
    )


def test_a_file_that_cannot_be_read_exits_non_zero_and_records_nothing(
    sqlite_url, tmp_path
):
    (tmp_path / "data.txt").write_text("kk,nik\n")
    (tmp_path / "no-header.csv").write_text("a,b,c\n1,2,3\n")
    (tmp_path / "latin1.csv").write_bytes(
        ",".join(HEADER_ORDER).encode() + b"\n1,2,Jl. Pahlawan \xb7,x\n"
    )
    (tmp_path / "broken.xlsx").write_bytes(b"not a workbook")
    cases = {
        "none.csv": "does not exist",
        "data.txt": "only .csv and .xlsx files can be imported",
        "no-header.csv": "there is no column for kk, desa, nik",
        "latin1.csv": "not UTF-8 text",
        "broken.xlsx": "not a readable Excel (.xlsx) workbook",
    }
    for name, message in cases.items():
        result = run(sqlite_url, tmp_path / name)
        assert result.exit_code == 1, (name, result.output)
        assert message in result.output and "Traceback" not in result.output, name
    bad_date = run(sqlite_url, tmp_path / "none.csv", "--effective-on", "1/3/2026")
    assert bad_date.exit_code == 2 and "'1/3/2026' is not a date" in bad_date.output
    ledger = open_ledger(sqlite_url)
    assert ledger.recorder.select_notifications(None, 10) == []
