"""`dtks import`: baseline files in, a report of rejected rows out."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib

from click.testing import CliRunner
from openpyxl import Workbook

from bench.import_file import write_file
from dtks.baseline_file import HEADER_ORDER, read_families
from dtks.import_cli import import_file, load_baseline
from events.bulk import importer
from events.bulk.writer import BulkWriter
from events.readside import ReadSide
from tests.support import (
    DESA,
    OTHER_DESA,
    add_body,
    family_of_three,
    kk,
    make_actors,
    member,
    nik,
)
from workflow.actors import command_line_actor
from workflow.app import open_ledger
from workflow.domain.baseline import Baseline
from workflow.domain.registry import Person

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


def rows_of(kk_number, members, desa=DESA, address="RT 01 RW 02"):
    """The file rows of a family, English columns."""
    return [
        [kk_number, desa, address, *(m.get(c, "") for c in HEADER_ORDER[3:])]
        for m in members
    ]


def write_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([HEADER_ORDER, *rows])
    return path


def run(url, *args):
    return CliRunner().invoke(
        import_file, [str(a) for a in args], env={"DTKS_DATABASE_URL": url}
    )


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


def read_models(url):
    """Every read-model row a bulk load writes, and the indexes."""
    store = ReadSide(open_ledger(url)).store
    return {
        "indexes": store.query(
            "SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name"
        ),
        "families": store.query("SELECT * FROM rm_family ORDER BY kk"),
        "people": store.query("SELECT * FROM rm_membership ORDER BY nik"),
        "changes": store.query(
            "SELECT position, nik, change, kk, desa, effective_on, kind "
            "FROM rm_change ORDER BY position"
        ),
        "proposals": store.query("SELECT id, position FROM rm_proposal ORDER BY id"),
        "regions": store.query("SELECT * FROM rm_stream_region ORDER BY 1"),
        "tallies": store.query("SELECT * FROM rm_tally ORDER BY desa, day"),
        "born": store.query("SELECT * FROM rm_born_tally ORDER BY 1, 2, 3, 4"),
        "event regions": store.query("SELECT * FROM rm_event_region ORDER BY 1"),
    }


def test_the_bulk_path_leaves_the_read_models_the_catch_up_builds(
    tmp_path, monkeypatch
):
    # Many batches of different sizes, sharing transactions.
    monkeypatch.setattr(importer, "BATCH", 25)
    path = tmp_path / "jepara.csv"
    write_file(path, 400)
    bulk_url = f"sqlite:///{tmp_path / 'bulk.sqlite3'}"
    plain_url = f"sqlite:///{tmp_path / 'plain.sqlite3'}"

    result = run(bulk_url, path, "--effective-on", "2025-07-01")  # forks, inline
    assert result.exit_code == 0, result.output
    plain = open_ledger(plain_url)
    families, _ = read_families(path)
    source = {"name": path.name, "sha256": "", "effective_on": "2025-07-01"}
    plain.import_baseline(command_line_actor(), families, {**source, "decree": ""})
    ReadSide(plain).projector.catch_up()

    bulk, expected = read_models(bulk_url), read_models(plain_url)
    assert len(expected["people"]) >= 400 and len(expected["indexes"]) > 5
    assert bulk == expected


def test_writes_between_the_batches_of_a_bulk_load_keep_every_position(
    tmp_path, monkeypatch
):
    # Small batches, each committed, and an operator submitting proposals while
    # the import runs: the batches after them land on other positions than the
    # preparing process foresaw, and must be projected where they landed.
    monkeypatch.setattr(importer, "BATCH", 15)
    monkeypatch.setattr(BulkWriter, "COMMIT_EVENTS", 1)
    path = tmp_path / "jepara.csv"
    write_file(path, 300)
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    ledger = open_ledger(url)
    actors = make_actors(ledger)
    submitted = []

    def meanwhile(_rows):
        if len(submitted) < 3:
            number, members = family_of_three(90 + len(submitted))
            body = add_body(number, members)
            submitted.append(ledger.submit_proposal(actors["operator"], body).id)

    families, _ = read_families(path)
    source = {"name": path.name, "sha256": "", "effective_on": "2025-07-01"}
    outcome = load_baseline(ledger, families, {**source, "decree": ""}, meanwhile)

    assert outcome.people >= 300 and len(submitted) == 3
    loaded = read_models(url)
    ReadSide(open_ledger(url)).projector.rebuild()
    assert read_models(url) == loaded
    assert len(loaded["people"]) == outcome.people
    assert [
        p for (p,) in ReadSide(ledger).store.query("SELECT position FROM rm_proposal")
    ]


def test_a_clash_in_a_later_batch_keeps_the_batches_before_it(tmp_path, monkeypatch):
    # Several batches share a transaction; one whose families are registered
    # already is undone alone and imported family by family.
    monkeypatch.setattr(importer, "BATCH", 10)
    monkeypatch.setattr(BulkWriter, "COMMIT_EVENTS", 10**6)
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    families = [family_of_three(serial) for serial in range(1, 80, 2)]
    first = write_csv(
        tmp_path / "first.csv", [r for f in families[10:20] for r in rows_of(*f)]
    )
    assert (
        "imported: 10 families"
        in run(url, first, "--effective-on", "2026-01-01").output
    )
    whole = write_csv(tmp_path / "all.csv", [r for f in families for r in rows_of(*f)])

    again = run(url, whole, "--effective-on", "2026-01-01")

    assert again.exit_code == 0, again.output
    assert "imported: 30 families, 90 people" in again.output
    assert "already registered: 10 families" in again.output
    loaded = read_models(url)
    ReadSide(open_ledger(url)).projector.rebuild()
    assert read_models(url) == loaded
    assert len(loaded["people"]) == 120


def test_an_import_that_stops_part_way_says_so_and_the_same_command_finishes_it(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(importer, "BATCH", 20)
    monkeypatch.setattr(BulkWriter, "COMMIT_EVENTS", 1)  # each batch committed
    path = tmp_path / "jepara.csv"
    write_file(path, 200)
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    record, recorded = BulkWriter.record, []

    def disk_fills_up(writer, packed):
        if len(recorded) == 2:
            raise OSError(28, "No space left on device")
        record(writer, packed)
        recorded.append(packed)

    monkeypatch.setattr(BulkWriter, "record", disk_fills_up)
    stopped = run(url, path, "--effective-on", "2025-07-01")

    assert stopped.exit_code == 1
    assert "the import stopped: [Errno 28] No space left on device" in stopped.output
    assert "run the same command again" in stopped.output
    assert "Traceback" not in stopped.output
    registry = ReadSide(open_ledger(url)).fresh()
    families_before = registry.stats(None, "2025-07-01")["families"]
    assert families_before == 2 + 20  # the first small group, then one batch

    monkeypatch.setattr(BulkWriter, "record", record)
    finished = run(url, path, "--effective-on", "2025-07-01")

    assert finished.exit_code == 0, finished.output
    assert f"already registered: {families_before} families" in finished.output
    people = sum(1 for _ in csv.reader(path.open())) - 1
    assert (
        ReadSide(open_ledger(url)).fresh().stats(None, "2025-07-01")["people"] == people
    )
