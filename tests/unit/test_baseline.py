"""The baseline import: what it registers, what it refuses, and its fast path."""

from __future__ import annotations

import functools
import multiprocessing
import pickle
from uuid import UUID, uuid5

import pytest
from eventsourcing.persistence import StoredEvent

from events.bulk import importer
from events.bulk.batches import LogWriter
from events.bulk.importer import Preparation
from events.bulk.records import BaselineRecords
from tests.support import DESA, family_of_three, kk
from workflow.actors import command_line_actor
from workflow.baseline_checks import FamilyRows
from workflow.domain.family import Family
from workflow.domain.ids import NAMESPACE, family_id, person_hex, person_id
from workflow.domain.person import Person

SOURCE = {
    "name": "dtks-jepara.csv",
    "sha256": "ab" * 32,
    "effective_on": "2026-01-01",
    "decree": "SK 460/12/2026",
}


NIKS = [m["nik"] for m in family_of_three()[1]]


@pytest.fixture(params=["one by one", "in batches"])
def import_baseline(request, ledger):
    """The import as the use case does it alone, and as the bulk path does it."""
    if request.param == "one by one":
        return ledger.import_baseline
    return functools.partial(importer.import_baseline, ledger)


def rows_of(kk_number, members, first_line=2) -> FamilyRows:
    lines = list(range(first_line, first_line + len(members)))
    return FamilyRows(
        kk=kk_number, desa=DESA, address="RT 01 RW 01", lines=lines, members=members
    )


def test_groups_and_batches_arrive_from_the_preparing_processes_as_they_left(ledger):
    change, by = {"kind": "baseline", "effective_on": "2026-01-01"}, {"id": "x"}

    class Packing(LogWriter):
        facts = True

        def pack(self, rows, facts):
            return 7, [f[0] for f in facts], b"".join(row[3] for row in rows)

    preparation = Preparation(ledger.mapper, change, by, Packing(ledger.recorder))
    kk_number, members = family_of_three()
    bad = rows_of(kk("2020-01-01", 9), [{"nik": "123"}], first_line=5)
    group = next(preparation.checked([rows_of(kk_number, members), bad]))
    assert group.contents and group.rejected
    assert pickle.loads(pickle.dumps(group)) == group
    batch = next(preparation.encoded([group]))
    assert (batch.events, batch.people, batch.packed[0]) == (4, 3, 7)
    assert batch.rejected
    assert pickle.loads(pickle.dumps(batch)) == batch


def test_stream_ids_stay_the_ids_stores_already_hold():
    # Stores keep these ids: deriving them any other way would orphan their streams.
    assert str(person_id("3320014501900001")) == "bbdaf23c-afef-504d-a7da-93ae39448082"
    assert str(family_id("3320010101800002")) == "85a29898-4fe5-553b-b9c8-42d28cf44fd2"
    for nik in NIKS:
        assert person_hex(nik) == uuid5(NAMESPACE, f"nik:{nik}").hex


def test_bulk_records_are_the_facts_the_aggregates_record(ledger):
    kk_number, members = family_of_three()
    content = {
        "desa": DESA,
        "family": {"kk": kk_number, "address": 'RT 01 "Gang Mawar"'},
        "members": members,
    }
    change, by = {"kind": "baseline", "effective_on": "2026-01-01"}, {"id": "x"}
    details = [{k: v for k, v in m.items() if k != "nik"} for m in members]
    aggregates = [
        Family.baselined(
            kk=kk_number,
            desa=DESA,
            address='RT 01 "Gang Mawar"',
            members=NIKS,
            change=change,
            by=by,
        ),
        *(
            Person.baselined(
                nik=m["nik"], kk=kk_number, desa=DESA, details=d, change=change, by=by
            )
            for m, d in zip(members, details, strict=True)
        ),
    ]
    slow = [e for aggregate in aggregates for e in aggregate.collect_events()]
    records = BaselineRecords(ledger.mapper, change, by)
    records.add(content)
    fast = [
        ledger.mapper.to_domain_event(StoredEvent(UUID(hex=h), v, topic, state))
        for h, v, topic, state in records.rows
    ]

    def facts(events):
        return [
            (type(e), sorted((k, v) for k, v in vars(e).items() if k != "timestamp"))
            for e in events
        ]

    assert facts(fast) == facts(slow)
    assert all(e.timestamp.tzinfo is not None for e in fast)


def test_baseline_registers_families_and_refuses_bad_ones_by_line(
    ledger, import_baseline
):
    good_kk, good = family_of_three(1)
    bad_kk, bad = family_of_three(30)
    bad[1] = {**bad[1], "sex": "M"}  # contradicts the woman's NIK
    outcome = import_baseline(
        command_line_actor(),
        [rows_of(good_kk, good), rows_of(bad_kk, bad, first_line=5)],
        SOURCE,
    )
    assert (outcome.families, outcome.people) == (1, 3)
    assert [(line, nik) for line, nik, _ in outcome.rejected] == [
        (5, bad[0]["nik"]),
        (6, bad[1]["nik"]),
        (7, bad[2]["nik"]),
    ]
    assert "contradicts NIK" in outcome.rejected[1][2]
    assert "another row of the family" in outcome.rejected[0][2]
    assert ledger.person(good[0]["nik"], {}).kk == good_kk
    assert not ledger.person(bad[0]["nik"], {}).registered


def test_importing_the_same_families_again_adds_nobody(ledger, import_baseline):
    kk_number, members = family_of_three()
    first = import_baseline(command_line_actor(), [rows_of(kk_number, members)], SOURCE)
    again = import_baseline(command_line_actor(), [rows_of(kk_number, members)], SOURCE)
    assert (first.families, again.families, again.already) == (1, 0, 1)
    enrolled = ledger.recorder.select_notifications(
        None, 1000, topics=[Person.Baselined.TOPIC, Person.Enrolled.TOPIC]
    )
    assert len(enrolled) == 3


def test_a_nik_in_two_families_of_the_file_rejects_the_second(ledger, import_baseline):
    kk_number, members = family_of_three()
    other = kk("2019-02-02", 9)
    outcome = import_baseline(
        command_line_actor(),
        [rows_of(kk_number, members), rows_of(other, members[:1], first_line=9)],
        SOURCE,
    )
    assert outcome.rejected == [
        (9, members[0]["nik"], f"NIK {members[0]['nik']} is also in family {kk_number}")
    ]


def test_a_nik_already_registered_elsewhere_is_refused(ledger, import_baseline):
    kk_number, members = family_of_three()
    import_baseline(command_line_actor(), [rows_of(kk_number, members)], SOURCE)
    moved, fresh = kk("2019-02-02", 9), kk("2019-03-03", 9)
    newcomer = {**members[0], "nik": members[0]["nik"][:-1] + "9", "name": "Siti"}
    outcome = import_baseline(
        command_line_actor(),
        [rows_of(moved, members[:1], first_line=7), rows_of(fresh, [newcomer])],
        SOURCE,
    )
    # The batch is done again family by family: the newcomer's family still
    # enters, with what the file said of her, and the report names the line.
    assert (outcome.families, outcome.people) == (1, 1)
    nik = members[0]["nik"]
    assert outcome.rejected == [
        (7, nik, f"NIK {nik} is already registered in family {kk_number}")
    ]
    person = ledger.person(newcomer["nik"], {})
    assert (person.kk, person.details["name"]) == (fresh, "Siti")


def test_the_preparing_processes_stop_when_recording_fails(ledger, monkeypatch):
    class Failing(LogWriter):
        def record(self, packed):
            raise OSError("disk full")

    monkeypatch.setattr(importer, "BATCH", 1)  # more batches than they prepare ahead
    families = [rows_of(*family_of_three(serial)) for serial in range(1, 40)]
    with pytest.raises(OSError, match="disk full") as failure:
        importer.import_baseline(
            ledger,
            command_line_actor(),
            families,
            SOURCE,
            writer=Failing(ledger.recorder),
            parallel=True,
        )
    # ... even while the error, and with it the import's frames, is still held
    assert failure.traceback and multiprocessing.active_children() == []
