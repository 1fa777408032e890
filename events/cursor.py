"""Cursors that batch inserts and updates: rows wait in a buffer and go to the
database many at a time, which is what makes a replay fast; any other statement
sends what waits for the tables it names first, so reads and updates see it."""

from __future__ import annotations

from collections.abc import Sequence
from operator import add
from typing import TYPE_CHECKING, Any

from events.statements import copy_of, tables_named, target
from events.updates import Updates

if TYPE_CHECKING:
    from events.db import ReadStore


class Inserts:
    """Insert statements kept with their rows, to be sent many rows at a time."""

    def __init__(self) -> None:
        self.pending: dict[str, list[Sequence[Any]]] = {}
        # Upserts that add to a row, summed per key until they are sent.
        self.sums: dict[str, dict[tuple, tuple]] = {}
        # What handlers learnt in this transaction (written or read), so that a
        # long replay asks the database less often.
        self.memo: dict[str, Any] = {}
        # The keys of the rows waiting for a table of KEYED inserts (None: a
        # row of another insert waits too), so that a statement about one key
        # sends them only when one of them has that key.
        self.keys: dict[str, set | None] = {}

    def insert(self, statement: str, params: Sequence[Any]) -> None:
        """Queue one insert."""
        self.pending.setdefault(statement, []).append(tuple(params))
        table = target(statement)
        if table in KEYED_TABLES:
            at = KEYED.get(statement)
            keys = self.keys.setdefault(table, set())
            if at is None or keys is None:  # another insert: keys unknown
                self.keys[table] = None
            else:
                keys.add(params[at])

    def waiting(self, tables: set[str] | None, key: Any) -> set[str] | None:
        """The tables among `tables` whose waiting rows a statement about rows
        of `key` alone must see: all but those whose rows all have other keys."""
        if tables is None or key is None:
            return tables
        return {t for t in tables if self.keys.get(t) is None or key in self.keys[t]}

    def add(self, statement: str, key: tuple, amounts: tuple) -> None:
        """Queue an upsert whose conflict adds `amounts` to the row of `key`
        (its parameters: the key's, then the amounts'). Rows of one key are
        summed here: on PostgreSQL each update of a row adds a version of it
        that the next update in the transaction walks, so a rebuild counting
        a few thousand rows 250,000 times took minutes."""
        sums = self.sums.setdefault(statement, {})
        held = sums.get(key)
        sums[key] = amounts if held is None else tuple(map(add, held, amounts))

    def queued(self, tables: set[str] | None = None) -> dict[str, list]:
        """Take the queued rows (only those into `tables`, when given)."""
        for statement in list(self.sums):
            if tables is None or target(statement) in tables:
                rows = self.pending.setdefault(statement, [])
                rows.extend((*k, *v) for k, v in self.sums.pop(statement).items())
        for table in list(self.keys):
            if tables is None or table in tables:
                del self.keys[table]
        return {
            statement: self.pending.pop(statement)
            for statement in list(self.pending)
            if tables is None or target(statement) in tables
        }


# Inserts whose rows a statement about one key needs to see only when they
# have that key: {insert: the position of the key among its parameters}.
KEYED: dict[str, int] = {}
KEYED_TABLES: set[str] = set()


def keyed(insert: str, at: int) -> str:
    """Declare that `insert` writes rows keyed by its parameter at `at` (see
    Cursor.execute's `key`); returns the statement. Its table is written by
    `insert` (Inserts.insert) alone: not by insert_row or update (updates.py)."""
    KEYED[insert] = at
    KEYED_TABLES.add(target(insert))
    return insert


COPY_ROWS = 100  # rows from which an insert goes by COPY on PostgreSQL


class Cursor(Updates, Inserts):
    """A cursor that translates placeholders and batches inserts and updates.

    Inserts and updates by key (events/updates.py) wait in a buffer and go to
    the database many rows at a time; any other statement sends those of the
    tables it names first, so reads and updates see every row written before.
    """

    def __init__(self, store: ReadStore, raw: Any):
        super().__init__()
        self.store, self.raw = store, raw

    def flush(self, tables: set[str] | None = None) -> None:
        """Send the queued inserts, then the queued updates (only those of
        `tables`, when given): an update may change a row inserted before it."""
        for statement, rows in self.queued(tables).items():
            self._insert(statement, rows)
        for statement, rows in self.changed(tables).items():
            self.raw.executemany(self.store.sql(statement), rows)

    def _insert(self, statement: str, rows: list[Sequence[Any]]) -> None:
        """Send rows of an insert: on PostgreSQL many rows of a plain insert by
        COPY, where a pipelined executemany still runs one statement per row
        (50,000 rm_proposal rows of a rebuild: 1.1 s, by COPY 0.5 s). A few
        rows go the ordinary way: COPY waits for the server once more."""
        postgres = self.store.dialect == "postgres" and len(rows) >= COPY_ROWS
        copy = copy_of(statement) if postgres else None
        if copy is None:
            self.raw.executemany(self.store.sql(statement), rows)
            return
        statement, nulls = copy
        with self.raw.copy(statement) as sending:
            for row in rows:
                if nulls:
                    row = list(row)
                    for at in nulls:  # in order, so each lands where it is listed
                        row.insert(at, None)
                sending.write_row(row)

    def execute(
        self, statement: str, params: Sequence[Any] = (), key: Any = None
    ) -> Cursor:
        """Run one statement, after the queued inserts into the tables it names.

        Inserts into other tables wait: rows of different tables do not see
        each other, and sending them many at a time is what makes a replay fast.
        So do the rows of a KEYED insert when the statement reads or changes
        only rows of `key` and none of them has it: a churned person's
        membership closed between two enrolments no longer sends the first
        enrolment's row alone (141,880 inserts of one row in a rebuild at 1M).
        """
        if self.pending or self.sums or self.changes:
            self.flush(self.waiting(tables_named(statement), key))
        self.raw.execute(self.store.sql(statement), tuple(params))
        return self

    def executemany(self, statement: str, rows: list[Sequence[Any]]) -> None:
        """Run one statement for many rows."""
        if self.pending or self.sums or self.changes:
            self.flush()
        if rows:
            self.raw.executemany(self.store.sql(statement), rows)

    def fetchall(self) -> list[tuple]:
        """All rows of the last statement."""
        return self.raw.fetchall()

    def fetchone(self) -> tuple | None:
        """The next row of the last statement."""
        return self.raw.fetchone()
