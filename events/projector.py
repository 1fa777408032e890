"""Following the event log into the read models.

Each batch of events and the new tracking position are written in one
transaction, so a crash between batches never skips or repeats an event. The
tracking row is locked for the batch, so several workers catching up at once
apply each event exactly once.
"""

from __future__ import annotations

import json
import threading
from typing import Any

from events import chain  # noqa: F401  (registers the decision-chain handlers)
from events.db import ReadStore
from events.projections import HANDLERS
from events.schema import clear, create, drop_indexes

NAME = "registry"
TOPICS = sorted(HANDLERS)


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

    def _apply_batch(self, target: int) -> int:
        with self.store.transaction() as cur:
            lock = " FOR UPDATE" if self.store.dialect == "postgres" else ""
            position = cur.execute(
                f"SELECT position FROM rm_tracking WHERE name = ?{lock}", (NAME,)
            ).fetchone()[0]
            if position >= target:
                return 0
            # Events no read model uses are filtered out by the database itself.
            notifications = self.ledger.recorder.select_notifications(
                start=position + 1, limit=self.batch, stop=target, topics=TOPICS
            )
            for notification in notifications:
                self._apply(cur, notification)
            full = len(notifications) == self.batch
            reached = notifications[-1].id if full else target
            cur.execute(
                "UPDATE rm_tracking SET position = ? WHERE name = ?", (reached, NAME)
            )
            return reached - position

    def _apply(self, cur, notification) -> None:
        handler = HANDLERS.get(notification.topic)
        if handler is None:
            return
        # Event states are plain JSON but for the library's timestamp wrapper, so
        # a plain parse is enough and much faster than the transcoder's hooks.
        data = json.loads(notification.state)
        if "class_version" in data:  # an older shape: let the upcasters rebuild it
            data = dict(vars(self.ledger.mapper.to_domain_event(notification)))
            data["timestamp"] = data["timestamp"].isoformat()
        else:
            data["timestamp"] = data["timestamp"]["_data_"]
        handler(cur, str(notification.originator_id), data, notification.id)
