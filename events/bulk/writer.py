"""Recording a bulk load's batches on SQLite, read models included."""

from __future__ import annotations

import contextlib
import itertools
import sqlite3
from collections.abc import Sequence
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from eventsourcing.persistence import IntegrityError, StoredEvent

from events import trail
from events.bulk.records import Fact, Row
from events.cursor import Inserts
from events.handlers import HANDLERS, KEY_ORDERED
from events.log import dashed
from events.statements import selecting, values_of

if TYPE_CHECKING:
    from events.projector import Projector

_PACKED = itertools.count()  # batches attached by this process


class BulkWriter:
    """Records a bulk load's batches and projects them, many per transaction.

    On SQLite, where the log and the read models share one file, a batch's
    events enter both in one transaction. The preparing process projects each
    batch ahead, on the positions its events will take if nothing else is
    recorded meanwhile, and packs the events and those rows into a small
    database of their own (`pack`); here that database is attached and its
    tables copied in with INSERT ... SELECT, so no row is taken apart into
    Python values again. When something else was recorded meanwhile, the batch
    is projected here the ordinary way instead. Each commit rewrites every index
    page it touched, and random keys (stream ids) touch most of them, so a
    transaction spans batches up to COMMIT_EVENTS events; a batch that clashes
    with the store is undone alone.
    """

    COMMIT_EVENTS = 200_000
    SCHEMA = "bulk_batch"  # the name a packed batch is attached under
    facts = True  # the preparing process projects what the events say

    def __init__(self, projector: Projector):
        self.projector = projector
        self._open: contextlib.ExitStack | None = None
        self._cur: Any = None
        self._head = self._written = self._next = 0
        self._last: tuple = ()  # the region of the event before the next batch

    def start(self) -> None:
        """Note where the log ends, before the first batch is prepared, and the
        region of its last event: a batch's first event begins a run of the
        audit's regions only if its region differs (events/trail.py)."""
        with self.projector.store.transaction() as cur:
            head = self._caught_up(cur)
            self._last = trail.last_region(cur)
        self._next = head + 1

    def pack(self, rows: Sequence[Row], facts: Sequence[Fact] | None) -> tuple:
        """The batch's events and read-model rows as a database of its own.

        Returns the position its first event should take, the insert statement
        of each table of read-model rows (`rows0`, `rows1`, ...) and the
        database, serialized.
        """
        first, projected = self._project(facts or ())
        tables = {"events": (4, rows)}  # stream id, version, topic, state
        for table, (statement, values) in enumerate(projected.items()):
            if statement in KEY_ORDERED:  # stable: the first of a key stays first
                values.sort(key=itemgetter(0))
            tables[f"rows{table}"] = (len(values[0]), values)
        with contextlib.closing(sqlite3.connect(":memory:")) as batch:
            for table, (width, values) in tables.items():
                columns = ", ".join(f"c{i}" for i in range(width))
                batch.execute(f"CREATE TABLE {table} ({columns})")
                marks = ", ".join("?" * width)
                batch.executemany(f"INSERT INTO {table} VALUES ({marks})", values)
            batch.commit()
            return first, list(projected), batch.serialize()

    def _project(self, facts: Sequence[Fact]) -> tuple[int, dict[str, list]]:
        """The read-model rows of a batch, for the positions its events should take."""
        first, rows = self._next, _Rows()
        rows.memo[trail.LAST] = self._last
        for position, (h, topic, data) in enumerate(facts, first):
            handler = HANDLERS.get(topic)
            if handler is not None:
                handler(rows, dashed(h), data, position)
        self._next, self._last = first + len(facts), rows.memo[trail.LAST]
        return first, rows.queued()

    def rows(self, packed: tuple) -> list[Row]:
        """The events of a packed batch."""
        with contextlib.closing(sqlite3.connect(":memory:")) as batch:
            batch.deserialize(packed[2])
            return _events_of(batch, "main")

    def record(self, packed: tuple) -> None:
        """Record a packed batch's events and apply them to the read models."""
        first, statements, database = packed
        projector, cur = self.projector, self._transaction()
        cur.raw.connection.deserialize(database, name=self.SCHEMA)
        # Statements of its own for each batch's database: one prepared for an
        # earlier batch would be reused as it is and read that one's pages.
        tag = f" -- batch {next(_PACKED)}"
        insert = projector.ledger.recorder.insert_events_statement
        cur.execute("SAVEPOINT batch")
        try:
            cur.execute(_selecting(insert, f"{self.SCHEMA}.events") + tag)
        except sqlite3.IntegrityError as error:  # a stream's version already taken
            cur.execute("ROLLBACK TO batch")
            cur.execute("RELEASE batch")
            self.commit()  # so that the caller can record around the clash
            raise IntegrityError(error) from error
        events = cur.raw.rowcount
        if first == self._head + 1:
            for table, statement in enumerate(statements):
                cur.execute(_selecting(statement, f"{self.SCHEMA}.rows{table}") + tag)
            cur.memo.clear()  # what handlers noted is older than these rows
        else:  # the log moved on meanwhile: apply the events at their positions
            rows = _events_of(cur.raw.connection, self.SCHEMA)  # attached above
            for offset, (h, version, topic, state) in enumerate(rows, self._head + 1):
                event = StoredEvent(dashed(h), version, topic, state)
                projector._apply(cur, offset, event)
        cur.execute("RELEASE batch")
        self._head += events
        self._written += events
        if self._written >= self.COMMIT_EVENTS:
            self.commit()

    def commit(self) -> None:
        """Commit what is recorded so far."""
        self._close(None, None, None)

    def __enter__(self) -> BulkWriter:
        self.projector.store.attach_memory(self.SCHEMA)
        return self

    def __exit__(self, kind, error, trace) -> None:
        try:
            self._close(kind, error, trace)
        finally:
            self.projector.store.detach(self.SCHEMA)

    def _close(self, kind, error, trace) -> None:
        if self._open is None:
            return
        if kind is None:
            self.projector._advance(self._cur, self._head)
        opened, self._open, self._cur = self._open, None, None
        opened.__exit__(kind, error, trace)  # commits, or rolls back on an error

    def _transaction(self) -> Any:
        """The open transaction, begun (and the read models caught up) if need be."""
        if self._open is None:
            projector, self._open = self.projector, contextlib.ExitStack()
            cur = self._open.enter_context(projector.store.transaction())
            self._cur, self._head, self._written = cur, self._caught_up(cur), 0
        return self._cur

    def _caught_up(self, cur) -> int:
        """Apply what the read models lack of the log; the log's head."""
        projector = self.projector
        statement = projector.ledger.recorder.select_max_notification_id_statement
        head = cur.execute(statement).fetchone()[0] or 0
        position = projector._position(cur)
        while position < head:
            position = projector._apply_from(cur, position, head)
        projector._advance(cur, head)
        return head


class _Rows(Inserts):
    """Stands in for a cursor while handlers project ahead: keeps their inserts."""

    def execute(self, statement: str, params: Sequence[Any] = (), key=None) -> None:
        """Handlers of bulk-loaded events only insert."""
        raise RuntimeError(f"a bulk load cannot project ahead: {statement}")


def _selecting(statement: str, table: str) -> str:
    """An `INSERT ... VALUES (?, ...)` statement made to copy the rows of a table
    whose columns c0, c1, ... hold the values of its placeholders, in order."""
    listed = values_of(statement)
    if any("(" in value for value in listed):
        raise ValueError(
            f"only placeholders and plain values can be copied: {statement}"
        )
    placeholders = itertools.count()
    columns = [f"c{next(placeholders)}" if v == "?" else v for v in listed]
    # WHERE true: without it, SQLite would read ON CONFLICT as part of the SELECT
    select = f"SELECT {', '.join(columns)} FROM {table} WHERE true ORDER BY rowid"
    return selecting(statement, select)


def _events_of(connection: Any, schema: str) -> list[Row]:
    """The events of a packed batch's database, attached under `schema`."""
    statement = f"SELECT * FROM {schema}.events ORDER BY rowid"
    return connection.execute(statement).fetchall()
