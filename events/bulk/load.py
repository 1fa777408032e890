"""The read models' side of a bulk load (`dtks import`): indexes dropped and
built again around it, a larger page cache, and on SQLite the writer that
records and projects each batch in one go."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from events.bulk.writer import BulkWriter
from events.db import BULK_CACHE_KIB, CACHE_KIB, CHECKPOINT_PAGES
from events.schema import APPENDED, create, drop_indexes

if TYPE_CHECKING:
    from events.projector import Projector

BULK_CHECKPOINT_PAGES = 100_000  # and the log copied to the database every 400 MB


@contextlib.contextmanager
def bulk_load(projector: Projector, events: int) -> Iterator[BulkWriter | None]:
    """Prepare the read models for `events` new events recorded in a row.

    When they outnumber the events projected so far, the query indexes are
    dropped and built again at the end, which is much faster than keeping
    them up to date row by row; reads meanwhile are slower, not wrong. On
    SQLite the connection also gets a larger page cache for the load, and
    what it yields records events and projects them in one go (elsewhere it
    yields None: events are recorded as any write is, and the next catch-up
    applies them).
    """
    projector.migrate()
    rebuild = events > projector.position()
    sqlite = projector.store.dialect == "sqlite"
    with projector.store.transaction() as cur:
        projector.lock_tables(cur, shared=False)
        if sqlite:
            cur.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
            cur.execute(f"PRAGMA wal_autocheckpoint = {BULK_CHECKPOINT_PAGES}")
        if rebuild:
            drop_indexes(cur, keep=APPENDED)
    writer = BulkWriter(projector) if sqlite and not projector.store.memory else None
    try:
        with writer or contextlib.nullcontext():
            yield writer
    finally:
        with projector.store.transaction() as cur:
            projector.lock_tables(cur, shared=False)
            create(cur)
            if sqlite:
                cur.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
                cur.execute(f"PRAGMA wal_autocheckpoint = {CHECKPOINT_PAGES}")
