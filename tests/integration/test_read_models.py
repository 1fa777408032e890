"""Read models that own their schema: a new version reaches an existing database."""

from __future__ import annotations

import threading

import pytest

from bench import population
from events.models import ReadModel
from events.projector import ReadModelsRebuilding
from events.readside import ReadSide, open_service
from events.schema import AUDIT, MODELS, REGISTRY, WORKFLOW
from tests.support import (
    DESA,
    OTHER_DESA,
    a_year_of_kedungmalang,
    add_body,
    determine,
    every_row,
    family_of_three,
    make_actors,
    removal,
)
from workflow.actors import command_line_actor
from workflow.app import open_ledger
from workflow.domain.ids import person_id


def _with_scope_level() -> ReadModel:
    """The next release's workflow model: accounts gain the level of their scope."""
    tables = dict(WORKFLOW.tables)
    tables["rm_user"] += ", scope_level INTEGER NOT NULL"
    upgraded = ReadModel(
        "workflow",
        WORKFLOW.version + 1,
        tables,
        WORKFLOW.indexes,
        dict(WORKFLOW.handlers),
    )

    @upgraded.on("dtks.user.registered")
    def registered(cur, sid, e, pos):
        level = e["region"].count(".") + 1 if e["region"] else 0
        cur.insert(
            "INSERT INTO rm_user VALUES (?, ?, ?, ?, 0, 0, ?, ?)",
            (sid, e["name"], e["role"], e["region"], pos, level),
        )

    return upgraded


def test_a_column_added_to_a_read_model_reaches_an_existing_database(store_url):
    # 1. A store in use under the current release: accounts and a determined family.
    ledger = open_service(store_url)
    actors = make_actors(ledger)
    kk, members = family_of_three()
    pid = ledger.submit_proposal(actors["operator"], add_body(kk, members)).id
    determine(ledger, actors, [pid], "2026-03-01", "2026-03")
    ledger.index.fresh()
    before = ledger.index.store.query("SELECT * FROM rm_membership ORDER BY nik")
    ledger.close()

    # 2. The next release starts on it: only the changed model is rebuilt.
    upgraded = _with_scope_level()
    ledger = open_ledger(store_url)
    read = ReadSide(ledger, models=(REGISTRY, upgraded, AUDIT), migrate="later")
    assert [m.name for m in read.projector.stale()] == ["workflow"]
    with pytest.raises(ReadModelsRebuilding):
        read.fresh()  # answered as 503 `rebuilding` over HTTP
    assert read.projector.migrate() == ["workflow"]

    # 3. Every account has the new column, with the value the new handler gives.
    rows = read.store.query("SELECT role, region, scope_level FROM rm_user")
    expected = {
        (a.role, a.region, a.region.count(".") + 1 if a.region else 0)
        for a in actors.values()
    }
    assert set(rows) == expected
    # 4. The rest of the workflow model came back whole; the registry was untouched.
    listed, _ = ledger.list_proposals(actors["ministry"], {})
    assert [(p["id"], p["status"]) for p in listed] == [(str(pid), "determined")]
    assert read.store.query("SELECT * FROM rm_membership ORDER BY nik") == before
    assert read.projector.stale() == []
    read.close()
    ledger.close()


def test_a_store_opened_again_by_the_same_release_rebuilds_nothing(store_url):
    ledger = open_service(store_url)
    make_actors(ledger)
    ledger.close()
    read = ReadSide(open_ledger(store_url), migrate="later")
    assert read.projector.stale() == []
    assert read.projector.migrate() == []
    versions = {
        name: version for name, (version, _) in read.projector.state()[0].items()
    }
    assert versions == {m.name: m.version for m in MODELS}


def test_a_regional_audit_pages_through_runs_as_through_a_row_per_event(store_url):
    # A baseline (a run per family), then a year of events of one desa, of the
    # kabupaten and national ones: small pages start and end inside runs.
    ledger = open_service(store_url)
    actors = make_actors(ledger)
    source = {"name": "t", "sha256": "", "effective_on": "2025-07-01", "decree": ""}
    ledger.import_baseline(command_line_actor(), population.families(60), source)
    a_year_of_kedungmalang(ledger, actors)
    read = ledger.index
    read.fresh()
    head = read.projector.head()
    runs = read.store.query("SELECT * FROM rm_event_region ORDER BY position")
    region_at = {}  # each position's levels, the runs expanded
    for (start, *levels), after in zip(runs, [*runs[1:], (head + 1,)], strict=True):
        region_at |= dict.fromkeys(range(start, after[0]), levels)
    assert sorted(region_at) == list(range(1, head + 1)) and len(runs) < head / 2

    scopes = {level for levels in region_at.values() for level in levels if level}
    assert DESA in scopes and "33.20" in scopes
    for scope in sorted(scopes | {"64.09"}):
        expected = [p for p, levels in region_at.items() if scope in levels]
        seen, after = [], 0
        while after is not None:
            items, after = read.audit(scope, after, 7)
            seen += [item["position"] for item in items]
        assert seen == expected, scope
    ledger.close()


def test_workers_catching_up_at_once_apply_each_event_exactly_once(store_url):
    # Four workers' read sides (each its own connection) read while an operator
    # submits proposals: each read catches up what it finds, side by side.
    ledger = open_service(store_url)
    actors = make_actors(ledger)
    workers = [ReadSide(open_ledger(store_url), migrate="later") for _ in range(4)]
    done = threading.Event()
    failures: list[BaseException] = []

    def read(side: ReadSide) -> None:
        try:
            while not done.is_set():
                side.ledger.list_proposals(actors["camat"], {})
        except BaseException as error:  # reported below, not lost in the thread
            failures.append(error)

    threads = [threading.Thread(target=read, args=(side,)) for side in workers]
    for thread in threads:
        thread.start()
    for serial in range(1, 41, 2):
        kk, members = family_of_three(serial)
        ledger.submit_proposal(actors["operator"], add_body(kk, members))
    done.set()
    for thread in threads:
        thread.join()

    assert failures == []
    listed, _ = workers[0].ledger.list_proposals(actors["camat"], {"limit": "200"})
    assert len(listed) == 20
    caught_up = every_row(workers[0])
    workers[0].projector.rebuild()
    assert every_row(workers[0]) == caught_up


def test_a_person_who_moves_shows_up_for_the_new_desas_auditor_from_the_move_on(
    store_url,
):
    ledger = open_service(store_url)
    actors = make_actors(ledger)
    kk, members = family_of_three()
    child = members[2]["nik"]
    first = ledger.submit_proposal(actors["operator"], add_body(kk, members)).id
    determine(ledger, actors, [first], "2026-01-01", "2026-01")
    left = removal(ledger, actors, kk, [child], reason="moved")
    determine(ledger, actors, [left], "2026-03-01", "2026-03")
    # Kalianyar's operator adds the child to a new family there.
    _, token = ledger.add_user(
        command_line_actor(),
        {"name": "Operator Kalianyar", "role": "operator", "region": OTHER_DESA},
    )
    there = {**actors, "operator": ledger.authenticate(token)}
    new_kk, _ = family_of_three(serial=61)
    moved = {**members[2], "relationship": "head"}
    came = ledger.submit_proposal(
        there["operator"], add_body(new_kk, [moved], desa=OTHER_DESA)
    ).id
    determine(ledger, there, [came], "2026-05-01", "2026-05")

    def seen_by(desa: str) -> list[str]:
        items, _ = ledger.index.audit(desa, 0, 1000)
        stream = str(person_id(child))
        return [i["type"] for i in items if i["aggregate_id"] == stream]

    old, new = seen_by(DESA), seen_by(OTHER_DESA)
    assert old.count("dtks.person.enrolled") == 1 and "dtks.person.removed" in old
    assert new.count("dtks.person.enrolled") == 1 and "dtks.person.removed" not in new
    assert new[0] == "dtks.person.claimed"  # the new desa's proposal, onwards
    assert len(old) + len(new) == len(seen_by("33.20.01"))
