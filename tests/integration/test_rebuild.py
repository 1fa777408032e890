"""A rebuild leaves the read models exactly as the events applied one by one
did: baseline runs replayed by SQL over the log, the rest by the handlers."""

from __future__ import annotations

from bench import population
from events.readside import open_service
from events.replay import Run
from tests.support import a_year_of_kedungmalang, every_row, make_actors
from workflow.actors import command_line_actor

SOURCE = {"name": "t", "sha256": "", "effective_on": "2025-07-01", "decree": ""}


def test_a_rebuilt_database_equals_the_one_built_event_by_event(store_url):
    # A baseline of a few hundred people (replayed in bulk by a rebuild), then
    # a year of proposals, moves, corrections and a death (replayed by handlers).
    ledger = open_service(store_url)
    actors = make_actors(ledger)
    outcome = ledger.import_baseline(
        command_line_actor(), population.families(400), SOURCE
    )
    assert outcome.people >= 400
    a_year_of_kedungmalang(ledger, actors)
    read = ledger.index
    read.fresh()
    built = every_row(read)

    assert read.projector.rebuild() == read.projector.head()

    assert every_row(read) == built
    assert len(built["rm_membership"]) > outcome.people
    # a row where the region changes: a family's events are one run
    assert 0 < len(built["rm_event_region"]) < outcome.people
    ledger.close()


def _older_shape(log, position: int) -> None:
    """Rewrite the stored event at `position` as the library writes an event
    of an explicit class version (which it reads back through its upcasters)."""
    if log.store.dialect == "postgres":
        new = "convert_to(replace(convert_from(state, 'UTF8'), ?, ?), 'UTF8')"
        where = "notification_id"
    else:
        new, where = "CAST(replace(CAST(state AS TEXT), ?, ?) AS BLOB)", "rowid"
    versioned = ('{"timestamp"', '{"class_version":1,"timestamp"')
    with log.store.transaction() as cur:
        cur.execute(
            f"UPDATE {log.table} SET state = {new} WHERE {where} = ?",
            (*versioned, position),
        )


def test_a_run_holding_an_event_of_an_older_shape_goes_through_the_handlers(
    store_url,
):
    ledger = open_service(store_url)
    ledger.import_baseline(command_line_actor(), population.families(30), SOURCE)
    read = ledger.index
    read.fresh()
    built = every_row(read)
    first, last = read.store.query(
        "SELECT MIN(position), MAX(position) FROM rm_membership"
    )[0]
    with read.store.transaction() as cur:
        assert Run(read.projector.log, first, last).current(cur)
    _older_shape(read.projector.log, last)

    with read.store.transaction() as cur:
        assert not Run(read.projector.log, first, last).current(cur)
        assert Run(read.projector.log, first, last - 1).current(cur)
    read.projector.rebuild()

    assert every_row(read) == built
    ledger.close()
