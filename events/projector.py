"""Following the event log into the read models.

Each batch of events and the new tracking position are written in one
transaction, so a crash between batches never skips or repeats an event. The
tracking row is locked for the batch, so several workers catching up at once
apply each event exactly once.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from eventsourcing.persistence import IntegrityError, StoredEvent

from events import chain  # noqa: F401  (registers the decision-chain handlers)
from events.db import CACHE_KIB, CHECKPOINT_PAGES, ReadStore
from events.projections import HANDLERS
from events.schema import clear, create, drop_indexes

NAME = "registry"
TOPICS = sorted(HANDLERS)
BULK_CACHE_KIB = 1024 * 1024  # SQLite page cache during a bulk load: 1 GiB
BULK_CHECKPOINT_PAGES = 100_000  # and the log copied to the database every 400 MB
Row = tuple[str, int, str, bytes]


class Projector:
    """Keeps the read models in step with the ledger's notification log."""

    def __init__(self, ledger: Any, store: ReadStore, batch: int = 1000):
        self.ledger, self.store, self.batch = ledger, store, batch
        self._lock = threading.Lock()
        with store.transaction() as cur:
            if store.dialect == "postgres":  # workers start together; DDL may not
                cur.execute("SELECT pg_advisory_xact_lock(hashtext('dtks: read'))")
            create(cur)
            cur.execute(
                "INSERT INTO rm_tracking (name, position) VALUES (?, 0) "
                "ON CONFLICT (name) DO NOTHING",
                (NAME,),
            )

    def position(self) -> int:
        """The last event applied to the read models."""
        rows = self.store.query(
            "SELECT position FROM rm_tracking WHERE name = ?", (NAME,)
        )
        return rows[0][0] if rows else 0

    def head(self) -> int:
        """The last event recorded in the log."""
        return self.ledger.recorder.max_notification_id() or 0

    def lag(self) -> int:
        """How many events the read models are behind the log."""
        return self.head() - self.position()

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
        return applied

    def rebuild(self) -> int:
        """Empty the read models and replay the whole log into them."""
        with self.store.transaction() as cur:
            clear(cur)
            drop_indexes(cur)  # building them once at the end is much faster
            cur.execute("UPDATE rm_tracking SET position = 0 WHERE name = ?", (NAME,))
        try:
            return self.catch_up()
        finally:
            with self.store.transaction() as cur:
                create(cur)

    def run(self, poll: float = 0.5, stop: threading.Event | None = None) -> None:
        """Follow the log until stopped (`dtks projections run`)."""
        stop = stop or threading.Event()
        while not stop.is_set():
            if self.catch_up() == 0:
                stop.wait(poll)

    @contextlib.contextmanager
    def bulk_load(self, events: int) -> Iterator[None]:
        """Prepare the read models for `events` new events recorded in a row.

        When they outnumber the events projected so far, the query-only indexes
        are dropped and built again at the end, which is much faster than keeping
        them up to date row by row; reads meanwhile are slower, not wrong. On
        SQLite the connection also gets a larger page cache for the load.
        """
        rebuild = events > self.position()
        with self.store.transaction() as cur:
            if self.store.dialect == "sqlite":
                cur.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
                cur.execute(f"PRAGMA wal_autocheckpoint = {BULK_CHECKPOINT_PAGES}")
            if rebuild:
                drop_indexes(cur)
        try:
            yield
        finally:
            with self.store.transaction() as cur:
                create(cur)
                if self.store.dialect == "sqlite":
                    cur.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
                    cur.execute(f"PRAGMA wal_autocheckpoint = {CHECKPOINT_PAGES}")

    def bulk_recorder(self) -> Callable[[Sequence[Row]], None] | None:
        """How a bulk load can record events and project them in one go, if it can.

        On SQLite, where the log and the read models share one file, the events
        enter the log and the read models in one transaction, without reading the
        log back. Elsewhere there is none: events are recorded as any write is,
        and the next catch-up applies them.
        """
        if self.store.dialect != "sqlite" or self.store.memory:
            return None
        return self._record_and_apply

    def _record_and_apply(self, rows: Sequence[Row]) -> None:
        """Record `rows` (hex stream id, version, topic, state) and apply them."""
        recorder = self.ledger.recorder
        try:
            with self.store.transaction() as cur:  # holds SQLite's write lock
                statement = recorder.select_max_notification_id_statement
                head = cur.execute(statement).fetchone()[0] or 0
                position = self._position(cur)
                while position < head:
                    position = self._apply_from(cur, position, head)
                cur.executemany(recorder.insert_events_statement, rows)
                # The log has no gaps, so the new events follow the head in order.
                for offset, (h, version, topic, state) in enumerate(rows, head + 1):
                    stream_id = f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
                    event = StoredEvent(stream_id, version, topic, state)
                    self._apply(cur, offset, event)
                self._advance(cur, head + len(rows))
        except sqlite3.IntegrityError as error:  # a stream's version already taken
            raise IntegrityError(error) from error

    def _apply_batch(self, target: int) -> int:
        with self.store.transaction() as cur:
            position = self._position(cur)
            if position >= target:
                return 0
            reached = self._apply_from(cur, position, target)
            self._advance(cur, reached)
            return reached - position

    def _position(self, cur) -> int:
        """The tracking position, locked until the transaction ends."""
        lock = " FOR UPDATE" if self.store.dialect == "postgres" else ""
        return cur.execute(
            f"SELECT position FROM rm_tracking WHERE name = ?{lock}", (NAME,)
        ).fetchone()[0]

    def _advance(self, cur, position: int) -> None:
        cur.execute(
            "UPDATE rm_tracking SET position = ? WHERE name = ?", (position, NAME)
        )

    def _apply_from(self, cur, position: int, target: int) -> int:
        """Apply up to one batch of events after `position`; returns the new one."""
        # Events no read model uses are filtered out by the database itself.
        notifications = self.ledger.recorder.select_notifications(
            start=position + 1, limit=self.batch, stop=target, topics=TOPICS
        )
        for notification in notifications:
            self._apply(cur, notification.id, notification)
        full = len(notifications) == self.batch
        return notifications[-1].id if full else target

    def _apply(self, cur, position: int, event: StoredEvent) -> None:
        handler = HANDLERS.get(event.topic)
        if handler is None:
            return
        # Event states are plain JSON but for the library's timestamp wrapper, so
        # a plain parse is enough and much faster than the transcoder's hooks.
        data = json.loads(event.state)
        if "class_version" in data:  # an older shape: let the upcasters rebuild it
            data = dict(vars(self.ledger.mapper.to_domain_event(event)))
            data["timestamp"] = data["timestamp"].isoformat()
        else:
            data["timestamp"] = data["timestamp"]["_data_"]
        handler(cur, str(event.originator_id), data, position)
