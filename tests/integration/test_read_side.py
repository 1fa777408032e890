"""The registry on any date, rebuilt from the log, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from events.readside import ReadSide
from tests.support import DESA, a_year_of_kedungmalang, make_actors
from workflow.app import open_ledger

ROOT = Path(__file__).resolve().parents[2]
DUMPS = {
    "rm_membership": "nik, kk, desa, name, sex, relationship, occupation, valid_from, "
    "valid_to, position",
    "rm_family": "kk, desa, address, valid_from, valid_to, position",
    "rm_change": "position, nik, change, kk, desa, effective_on, proposal_id, reason",
    "rm_proposal": "id, status, version, changed_at, deliberation_id, endorsed_by, "
    "verified_by, ratification, determination, rejected_stage",
    "rm_deliberation": "id, status, version, minutes_number, body",
    "rm_stream_region": "stream_id, region",
    "rm_event_region": "position, province, kabkota, kecamatan, desa",
    "rm_ratification": "id, kabkota, decree_number, body",
    "rm_determination": "id, period, applied, body",
    "rm_user": "id, name, role, region, tokens, disabled",
    "rm_tally": "desa, day, families, people",
}


def dump(read: ReadSide) -> dict[str, list]:
    return {
        table: sorted(read.store.query(f"SELECT {cols} FROM {table}"), key=str)
        for table, cols in DUMPS.items()
    }


@pytest.fixture
def year(store_url):
    """A year of Kedungmalang: three families in, a move, a correction, a death."""
    ledger = open_ledger(store_url)
    actors = make_actors(ledger)
    read = ReadSide(ledger, batch=50)
    families = a_year_of_kedungmalang(ledger, actors, read.projector.catch_up)
    yield ledger, actors, read, families
    read.close()
    ledger.close()


def test_as_of_queries_across_several_determinations(year):
    _ledger, _actors, read, families = year
    registry = read.fresh()
    child = families[0][1][2]["nik"]

    def people(day):
        return registry.stats(DESA, day)["people"]

    assert people("2025-12-31") == 0
    assert people("2026-01-01") == 6  # the day of the first effective date
    assert people("2026-01-31") == 6  # the day before the second
    assert people("2026-02-01") == 9
    assert people("2026-03-14") == 9
    assert people("2026-03-15") == 8  # the child moved away
    assert people("2026-05-01") == 7
    assert registry.person(child, "2026-03-14")["registered"] is True
    assert registry.person(child, "2026-03-15")["registered"] is False
    head = families[1][1][0]["nik"]
    assert registry.person(head, "2026-04-30").get("occupation") is None
    assert registry.person(head, "2026-05-01")["occupation"] == "Nelayan"
    page, cursor = registry.families(DESA, "2026-01-15", "", 1)
    assert [f["kk"] for f in page] == [families[0][0]] and cursor == families[0][0]
    page, cursor = registry.families(DESA, "2026-01-15", cursor, 5)
    assert [f["kk"] for f in page] == [families[1][0]] and cursor is None


def test_stats_count_each_child_region(year):
    _ledger, _actors, read, _families = year
    stats = read.fresh().stats("33.20", "2026-06-01")
    assert stats == {
        "families": 3,
        "people": 7,
        "children": {"33.20.01": {"families": 3, "people": 7}},
    }


def test_rebuild_equals_incremental(year):
    _ledger, _actors, read, _families = year
    read.projector.catch_up()
    incremental = dump(read)
    assert read.projector.rebuild() == read.projector.head()
    assert dump(read) == incremental
    assert sum(len(rows) for rows in incremental.values()) > 50


def test_a_follower_killed_between_batches_resumes_exactly(year, store_url):
    _ledger, _actors, read, _families = year
    read.projector.rebuild()
    complete = dump(read)
    with read.store.transaction() as cur:
        for table in DUMPS:
            cur.execute(f"DELETE FROM {table}")
        cur.execute("UPDATE rm_model SET position = 0")
    follower = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "dtks.cli",
            "projections",
            "run",
            "--batch",
            "1",
            "--poll",
            "0.05",
        ],
        cwd=ROOT,
        env={**os.environ, "DTKS_DATABASE_URL": store_url},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    head = read.projector.head()
    deadline = time.monotonic() + 60
    while read.projector.position() < head // 3 and time.monotonic() < deadline:
        time.sleep(0.005)
    follower.send_signal(signal.SIGKILL)
    follower.wait()
    killed_at = read.projector.position()
    assert 0 < killed_at < head, "the follower was not stopped midway"
    read.projector.catch_up()
    assert dump(read) == complete


def test_history_names_everyone_behind_an_addition_and_a_removal(year):
    _ledger, actors, read, families = year
    child = families[0][1][2]["nik"]
    added, removed = read.fresh().history(child)
    assert (added["change"], added["effective_on"]) == ("added", "2026-01-01")
    assert (removed["change"], removed["effective_on"], removed["reason"]) == (
        "removed",
        "2026-03-15",
        "moved",
    )
    for item, period in ((added, "2026-01"), (removed, "2026-03")):
        assert item["submitted_by"] == actors["operator"].stamp()
        assert item["deliberation"] == {
            "minutes_number": "BA-MUSDES/017/X/2026",
            "held_on": "2026-10-05",
            "chaired_by": "H. Ahmad Sholeh (Kepala Desa)",
        }
        assert item["endorsed_by"] == actors["camat"].stamp()
        assert item["verified_by"] == {
            **actors["verifier"].stamp(),
            "checked_on": "2026-10-20",
        }
        assert item["ratification"]["decree_number"] == f"SK-{period}"
        assert item["determination"]["decree_number"] == f"KEP/{period}"
        assert item["determination"]["period"] == period
