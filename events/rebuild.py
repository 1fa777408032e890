"""Rebuilding read models: the ones whose version moved, or all of them.

A model is dropped, created and replayed from the first event in one
transaction, under the read models' exclusive lock; runs of baseline events
are applied in bulk by SQL over the log (events/replay.py), every other event
goes through its handlers. Mixed into the Projector, whose locks, log and
handlers it uses.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Sequence

from events import replay
from events.bulk.background import rarely_collecting
from events.db import rebuilding
from events.models import ReadModel
from events.schema import LOOKUPS

REPLAY_BATCH = 20_000  # events per read while a model is rebuilt
ANALYZED_ROWS = 10_000  # a table this large gets statistics (analyse)


class Rebuilds:
    """Migrate (rebuild what changed) and rebuild (everything)."""

    def migrate(self) -> list[str]:
        """Rebuild every model whose version differs from the code's; their names."""
        with self._migrating:
            stale = self.stale()
            return self._rebuild(stale) if stale else []

    def migrate_in_background(self, wait: float = 5.0) -> threading.Thread | None:
        """Run migrate() in a thread if a model is stale, waiting up to `wait`
        seconds for it: a small store is ready at once, while a large one
        answers 503 `rebuilding` until its models are rebuilt."""
        if not self.stale():
            return None
        thread = threading.Thread(target=self.migrate, name="dtks-migrate", daemon=True)
        thread.start()
        thread.join(wait)
        return thread

    def rebuild(self) -> int:
        """Empty every read model and replay the whole log into them."""
        with self.store.transaction() as cur:
            self.lock_tables(cur, shared=False)
            cur.execute("UPDATE rm_model SET version = 0")
        self.migrate()
        return self.head()

    def _rebuild(self, models: Sequence[ReadModel]) -> list[str]:
        """Drop, create and replay models in one transaction and one pass over
        the log; returns the names of those another process had not done first."""
        # Millions of rows made: Python's default collection of reference
        # cycles walked them all again and again (a sixth of the replay's time).
        with rarely_collecting(), self.store.transaction() as cur, rebuilding(cur):
            self.lock_tables(cur, shared=False)
            versions = dict(
                cur.execute("SELECT name, version FROM rm_model").fetchall()
            )
            models = [m for m in models if versions.get(m.name) != m.version]
            for model in models:
                model.drop(cur)
                model.create(cur)
                model.drop_indexes(cur, keep=LOOKUPS)  # built once at the end
            head = self.log.head(cur)
            self._replay(cur, models, head)
            if self.log.in_sql:
                replay.finish(cur, models)
            for model in models:
                model.create(cur)
                cur.execute(
                    "UPDATE rm_model SET version = ?, position = ? WHERE name = ?",
                    (model.version, head, model.name),
                )
            analyse(cur, models)
            return [m.name for m in models]

    def _replay(self, cur, models: Sequence[ReadModel], head: int) -> None:
        """Apply the log up to `head` to `models`: runs of baseline events in
        bulk (events/replay.py), every other event by its handlers."""
        position = 0
        bulk_topics: dict[str, bool] = {}  # whether a topic is replayed in bulk
        handlers: dict[str, list] = {}  # and its handlers among these models

        def in_bulk(item: tuple[int, str]) -> bool:
            topic = item[1]
            if topic not in bulk_topics:
                bulk_topics[topic] = self.log.in_sql and replay.in_bulk(topic, models)
            return bulk_topics[topic]

        while position < head:
            listed = self.log.topics(position, REPLAY_BATCH, head, cursor=cur)
            for bulk, run in itertools.groupby(listed, key=in_bulk):
                run = list(run)
                first, last = run[0][0], run[-1][0]
                if bulk and (sql := replay.Run(self.log, first, last)).current(cur):
                    replay.replay(cur, models, sql)
                    continue
                events = self.log.read(first - 1, len(run), stop=last, cursor=cur)
                for model in models:
                    model.prepare(cur, events)
                for event in events:
                    if event.topic not in handlers:
                        handlers[event.topic] = [
                            h for m in models if (h := m.handler(event.topic))
                        ]
                    self._apply_event(cur, event, models, handlers[event.topic])
            # Rows of tables no handler reads back would otherwise wait for the
            # end: millions of them in memory, and one statement of them all.
            cur.flush()
            position = listed[-1][0] if len(listed) == REPLAY_BATCH else head


def analyse(cur, models: Sequence[ReadModel]) -> None:
    """Let the query planner know the rebuilt tables: without statistics SQLite
    scanned a whole kabupaten for a desa search. Only tables of ANALYZED_ROWS
    rows or more: a small table's statistics mislead it once the table grows
    (it then scanned the whole table)."""
    for model in models:
        for table in model.tables:
            many = f"SELECT 1 FROM {table} LIMIT 1 OFFSET {ANALYZED_ROWS - 1}"
            if cur.execute(many).fetchall():
                cur.execute(f"ANALYZE {table}")
