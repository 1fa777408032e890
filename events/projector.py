"""Following the event log into the read models.

Each read model has its own row in `rm_model`: the version its tables were
built with and the last event applied. A batch of events and the new positions
are written in one transaction, so a crash between batches never skips or
repeats an event; the rows are locked for the batch, so several workers
catching up at once apply each event exactly once.

When the code's version of a model differs from the database's (or a model is
new), that model alone is dropped, created and replayed from the first event in
one transaction, under the exclusive lock. Until it commits, reads answer 503
`rebuilding` (ReadModelsRebuilding); writes to the log go on.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import StoredEvent

# The handlers register themselves with their models when imported: the
# projector applies them, so it imports them (not by way of the bulk writer).
import events.handlers  # noqa: F401
from events.db import ReadStore, ledger_lock
from events.integrity.seal import prepare, seal
from events.log import Log, LoggedEvent
from events.models import ReadModel
from events.rebuild import Rebuilds
from events.schema import MODELS


class ReadModelsRebuilding(Exception):
    """A read model is being rebuilt for a new version; reads wait for it."""


class Projector(Rebuilds):
    """Keeps the read models in step with the ledger's notification log."""

    def __init__(
        self,
        ledger: Any,
        store: ReadStore,
        batch: int = 1000,
        models: Sequence[ReadModel] = MODELS,
    ):
        self.ledger, self.store, self.batch = ledger, store, batch
        self.models = tuple(models)
        self.log = Log(ledger, store)
        self._lock = threading.Lock()
        self._migrating = threading.Lock()
        with store.transaction() as cur:
            self.lock_tables(cur, shared=False)
            cur.execute("DROP TABLE IF EXISTS rm_tracking")  # before per-model rows
            cur.execute(
                "CREATE TABLE IF NOT EXISTS rm_model (name TEXT PRIMARY KEY, "
                "version INTEGER NOT NULL, position BIGINT NOT NULL)"
            )
            for model in self.models:  # version 0: built by the first migrate()
                cur.execute(
                    "INSERT INTO rm_model (name, version, position) VALUES (?, 0, 0) "
                    "ON CONFLICT (name) DO NOTHING",
                    (model.name,),
                )
        prepare(store)  # the seal's tables, so that every store has them

    def lock_tables(self, cur, shared: bool) -> None:
        """On PostgreSQL, the read models' lock for the rest of the transaction:
        shared to apply events, not shared to change tables or indexes.

        Workers start, catch up and rebuild at the same moment. CREATE INDEX
        locks its table even when the index exists, and applying events locks
        tables in the order of the events, so without this a worker starting
        and one catching up could each wait for a table the other holds. The
        lock is the schema's: another ledger in the same database (a training
        copy, a test) rebuilding for minutes does not hold this one up.
        """
        if self.store.dialect == "postgres":
            cur.execute(ledger_lock("read", shared))

    def state(self) -> tuple[dict[str, tuple[int, int]], int]:
        """Each model's (version, position), and the log's head, read at once."""
        names = [m.name for m in self.models]
        marks = ", ".join("?" * len(names))
        if self.log.in_sql:
            position = (
                "notification_id" if self.store.dialect == "postgres" else "rowid"
            )
            head_sql = f"(SELECT MAX({position}) FROM {self.log.table})"
        else:
            head_sql = "0"
        rows = self.store.query(
            f"SELECT name, version, position, {head_sql} FROM rm_model "
            f"WHERE name IN ({marks})",
            names,
        )
        head = (rows[0][3] or 0) if self.log.in_sql and rows else self.log.head()
        return {name: (version, pos) for name, version, pos, _ in rows}, head

    def stale(self, state: dict[str, tuple[int, int]] | None = None) -> list[ReadModel]:
        """The models whose tables were built for another version of the code."""
        state = state if state is not None else self.state()[0]
        return [m for m in self.models if state.get(m.name, (0, 0))[0] != m.version]

    def position(self) -> int:
        """The last event applied to every read model."""
        state, _ = self.state()
        return min((pos for _, pos in state.values()), default=0)

    def head(self) -> int:
        """The last event recorded in the log."""
        return self.log.head()

    def lag(self) -> int:
        """How many events the read models are behind the log."""
        return self.head() - self.position()

    def ensure_current(self) -> None:
        """Apply what the log holds; ReadModelsRebuilding while a model is rebuilt.

        A read that finds every model current costs one small query and takes
        no write lock.
        """
        state, head = self.state()
        if self.stale(state):
            raise ReadModelsRebuilding(", ".join(m.name for m in self.stale(state)))
        if min(pos for _, pos in state.values()) < head:
            self.catch_up()

    def catch_up(self, stop_after: int | None = None) -> int:
        """Apply every event recorded so far; returns how many were applied."""
        target, applied = self.head(), 0
        if self.position() >= target:
            return 0
        with self._lock:
            while stop_after is None or applied < stop_after:
                done = self._apply_batch(target)
                applied += done
                if done == 0:
                    break
            if applied:  # new events: seal them into the log's Merkle tree too
                seal(self.ledger, self.store)
        return applied

    def run(self, poll: float = 0.5, stop: threading.Event | None = None) -> None:
        """Follow the log until stopped (`dtks projections run`)."""
        stop = stop or threading.Event()
        while not stop.is_set():
            self.migrate()
            if self.catch_up() == 0:
                stop.wait(poll)

    def _apply_batch(self, target: int) -> int:
        with self.store.transaction() as cur:
            self.lock_tables(cur, shared=True)
            position = self._position(cur)
            if position >= target:
                return 0
            reached = self._apply_from(cur, position, target)
            self._advance(cur, reached)
            return reached - position

    def _positions(self, cur) -> dict[str, int]:
        """Each model's position, locked until the transaction ends."""
        lock = " FOR UPDATE" if self.store.dialect == "postgres" else ""
        rows = cur.execute(f"SELECT name, position FROM rm_model{lock}").fetchall()
        known = {m.name for m in self.models}
        return {name: pos for name, pos in rows if name in known}

    def _position(self, cur) -> int:
        """The lowest model position, every model's row locked until the end."""
        return min(self._positions(cur).values(), default=0)

    def _advance(self, cur, position: int) -> None:
        """Every model that is behind `position` has now applied up to it."""
        cur.execute(
            "UPDATE rm_model SET position = ? WHERE position < ?", (position, position)
        )

    def _apply_from(self, cur, position: int, target: int) -> int:
        """Apply up to one batch of events after `position`; returns the new one.

        Each model sees only the events after its own position, so a model
        rebuilt ahead of the others is not applied twice.
        """
        positions = self._positions(cur)
        events = self.log.read(position, self.batch, stop=target, cursor=cur)
        for model in self.models:
            model.prepare(cur, events)
        for event in events:
            behind = [m for m in self.models if positions[m.name] < event.position]
            self._apply_event(cur, event, behind)
        return events[-1].position if len(events) == self.batch else target

    def _apply(self, cur, position: int, event: StoredEvent) -> None:
        """Apply one stored event at a position to every model."""
        logged = LoggedEvent(
            position,
            str(event.originator_id),
            event.originator_version,
            event.topic,
            event.state,
        )
        self._apply_event(cur, logged, self.models)

    def _apply_event(self, cur, event: LoggedEvent, models, handlers=None) -> None:
        """Apply one event to the models (`handlers`: theirs for its topic)."""
        if handlers is None:
            handlers = [h for m in models if (h := m.handler(event.topic))]
        if not handlers:
            return
        data = self.log.data(event)
        for handler in handlers:
            handler(cur, event.stream_id, data, event.position)
