"""`dtks import`'s bulk path: the read models it leaves, batches, clashes and
an import that stops part way."""

from __future__ import annotations

import csv

from bench.import_file import write_file
from dtks.baseline_file import read_families
from dtks.import_cli import load_baseline
from events.bulk import importer
from events.bulk.writer import BulkWriter
from events.readside import ReadSide
from tests.importing import rows_of, run, write_csv
from tests.support import add_body, family_of_three, make_actors
from workflow.actors import command_line_actor
from workflow.app import open_ledger


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
