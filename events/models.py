"""A read model: its tables, its indexes, its version and its event handlers.

Each read model keeps its own tracking row (`rm_model`: version, position).
When the code's version of a model differs from the one its tables were built
with, the projector rebuilds that model alone from the log (see
events/projector.py); the others keep their rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Handler = Callable[[Any, str, dict, int], None]
EVERY = "*"  # the topic of a handler that sees every event


@dataclass
class ReadModel:
    """Tables kept from the log by per-topic handlers, rebuilt when `version` moves."""

    name: str
    version: int
    tables: dict[str, str]
    indexes: list[str] = field(default_factory=list)
    handlers: dict[str, Handler] = field(default_factory=dict)
    #: Called with a batch of events before they are applied, to read at once
    #: what the handlers would otherwise ask the database for one by one.
    prefetch: Callable[[Any, list], None] | None = None
    #: Applies a run of baseline events at once in a rebuild, writing the rows
    #: the handlers would by SQL, from the run staged in a temporary table
    #: (events/replay.py).
    bulk: Callable[[Any], None] | None = None
    #: Tables that SQLite keeps in their primary key's B-tree alone (WITHOUT
    #: ROWID): small rows, always written and read by key, so a rebuild writes
    #: one B-tree instead of two.
    keyed: set[str] = field(default_factory=set)

    def prepare(self, cursor, events: list) -> None:
        """Let the model read ahead for a batch of events."""
        if self.prefetch is not None and events:
            self.prefetch(cursor, events)

    def on(self, *topics: str) -> Callable[[Handler], Handler]:
        """Register a handler for event topics (EVERY: all of them)."""

        def register(handler: Handler) -> Handler:
            for topic in topics:
                self.handlers[topic] = handler
            return handler

        return register

    def handler(self, topic: str) -> Handler | None:
        """The handler of a topic, or None when the model ignores it."""
        return self.handlers.get(topic) or self.handlers.get(EVERY)

    def index_names(self) -> list[str]:
        """The names of the model's indexes."""
        return [s.split(" IF NOT EXISTS ")[1].split(" ON ")[0] for s in self.indexes]

    def create(self, cursor) -> None:
        """Create the model's tables and indexes when they are missing."""
        for name, columns in self.tables.items():
            keyed = name in self.keyed and cursor.store.dialect == "sqlite"
            suffix = " WITHOUT ROWID" if keyed else ""
            cursor.execute(f"CREATE TABLE IF NOT EXISTS {name} ({columns}){suffix}")
        for statement in self.indexes:
            cursor.execute(statement)

    def drop(self, cursor) -> None:
        """Drop the model's tables (a rebuild creates them anew)."""
        for name in self.tables:
            cursor.execute(f"DROP TABLE IF EXISTS {name}")

    def clear(self, cursor) -> None:
        """Empty the model's tables."""
        for name in self.tables:
            cursor.execute(f"DELETE FROM {name}")

    def drop_indexes(self, cursor, keep: set[str]) -> None:
        """Drop the indexes not in `keep` (built again by `create`)."""
        for name in self.index_names():
            if name not in keep:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")
