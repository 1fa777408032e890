"""The event log read with the store's own SQL, many events per statement.

The library's notification objects cost more to build than the projections
spend on them, so the read side reads the same table directly: the rows come
back in log order with their position, stream id, version, topic and state.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple
from uuid import UUID

import orjson
from eventsourcing.persistence import StoredEvent

from events.db import ReadStore


class LoggedEvent(NamedTuple):
    """One stored event and its position in the log."""

    position: int
    stream_id: str
    version: int
    topic: str
    state: bytes


def columns_of(store: ReadStore) -> tuple[str, str]:
    """The position column and the stream id as dashed text (PostgreSQL) or as
    the 32 hex digits SQLite keeps (`dashed` spells it as the read side does)."""
    if store.dialect == "postgres":
        return "notification_id", "originator_id::text"
    return "rowid", "originator_id"


# The same spelling in SQLite's SQL, for statements that write stream ids.
DASHED = (
    "substr(originator_id,1,8)||'-'||substr(originator_id,9,4)||'-'||"
    "substr(originator_id,13,4)||'-'||substr(originator_id,17,4)||'-'||"
    "substr(originator_id,21)"
)


def dashed(digits: str) -> str:
    """A UUID's 32 hex digits with its dashes: in Python, a third of the time
    of SQLite's substr() and || over an audit page's rows."""
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


class Log:
    """Reads the ledger's log: by SQL where it is a table in the read store's
    database, through the library where it lives in memory (unit tests)."""

    def __init__(self, ledger: Any, store: ReadStore):
        self.ledger, self.store = ledger, store
        self.in_sql = ledger.env.get("PERSISTENCE_MODULE") != "eventsourcing.popo"
        self.table = getattr(ledger.recorder, "events_table_name", "stored_events")

    def read(
        self, after: int, limit: int, stop: int | None = None, cursor: Any = None
    ) -> list[LoggedEvent]:
        """Up to `limit` events after position `after` (and up to `stop`), in order."""
        if not self.in_sql:
            found = self.ledger.recorder.select_notifications(
                start=after + 1, limit=limit, stop=stop
            )
            return [_logged(n) for n in found]
        position, _ = columns_of(self.store)
        bound = f" AND {position} <= ?" if stop is not None else ""
        params: list[Any] = [after, *([stop] if stop is not None else [])]
        return self._select(f"{position} > ?{bound}", params, limit, cursor)

    def topics(
        self, after: int, limit: int, stop: int, cursor: Any = None
    ) -> list[tuple[int, str]]:
        """(position, topic) of up to `limit` events after `after`, up to `stop`."""
        if not self.in_sql:
            return [(e.position, e.topic) for e in self.read(after, limit, stop)]
        position, _ = columns_of(self.store)
        statement = (
            f"SELECT {position}, topic FROM {self.table} WHERE {position} > ? "
            f"AND {position} <= ? ORDER BY {position} LIMIT ?"
        )
        return [
            tuple(row)
            for row in _rows(self.store, statement, [after, stop, limit], cursor)
        ]

    def at(self, positions: Sequence[int]) -> list[LoggedEvent]:
        """The events at the given positions, in log order."""
        if not positions:
            return []
        if not self.in_sql:
            wanted = set(positions)
            found = self.read(min(positions) - 1, max(positions) - min(positions) + 1)
            return [event for event in found if event.position in wanted]
        position, _ = columns_of(self.store)
        marks = ", ".join("?" * len(positions))
        return self._select(f"{position} IN ({marks})", list(positions))

    def data(self, event: LoggedEvent) -> dict:
        """The event's fields as handlers read them, with its topic and version."""
        # Event states are plain JSON but for the library's timestamp wrapper, so
        # a plain parse is enough and much faster than the transcoder's hooks.
        data = orjson.loads(event.state)
        if "class_version" in data:  # an older shape: let the upcasters rebuild it
            stored = StoredEvent(
                UUID(event.stream_id), event.version, event.topic, event.state
            )
            data = dict(vars(self.ledger.mapper.to_domain_event(stored)))
            data["timestamp"] = data["timestamp"].isoformat()
        else:
            data["timestamp"] = data["timestamp"]["_data_"]
        data["_topic"], data["_version"] = event.topic, event.version
        return data

    def head(self, cursor: Any = None) -> int:
        """The position of the last event recorded (0 for an empty log)."""
        if not self.in_sql:
            return self.ledger.recorder.max_notification_id() or 0
        position, _ = columns_of(self.store)
        statement = f"SELECT MAX({position}) FROM {self.table}"
        return _rows(self.store, statement, [], cursor)[0][0] or 0

    def _select(self, where, params, limit=None, cursor=None) -> list[LoggedEvent]:
        position, stream = columns_of(self.store)
        statement = (
            f"SELECT {position}, {stream}, originator_version, topic, state "
            f"FROM {self.table} WHERE {where} ORDER BY {position}"
        )
        if limit is not None:
            statement, params = statement + " LIMIT ?", [*params, limit]
        rows = _rows(self.store, statement, params, cursor)
        if self.store.dialect == "postgres":
            return [LoggedEvent(*row) for row in rows]
        return [LoggedEvent(p, dashed(s), v, t, st) for p, s, v, t, st in rows]


def _logged(n: Any) -> LoggedEvent:
    return LoggedEvent(
        n.id, str(n.originator_id), n.originator_version, n.topic, n.state
    )


def _rows(store: ReadStore, statement: str, params: list, cursor: Any) -> list:
    if cursor is None:
        return store.query(statement, params)
    return cursor.execute(statement, params).fetchall()
