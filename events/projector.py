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

import contextlib
import itertools
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from operator import itemgetter
from typing import Any
from uuid import UUID

import orjson
from eventsourcing.persistence import IntegrityError, StoredEvent

from events.db import CACHE_KIB, CHECKPOINT_PAGES, Inserts, ReadStore
from events.handlers import HANDLERS, KEY_ORDERED
from events.log import Log, LoggedEvent
from events.models import ReadModel
from events.replay import SET_BASED, SetBasedReplay
from events.schema import APPENDED, LOOKUPS, MODELS, create, drop_indexes
from workflow.usecases.baseline import Fact, Row

BULK_CACHE_KIB = 1024 * 1024  # SQLite page cache during a bulk load: 1 GiB
BULK_CHECKPOINT_PAGES = 100_000  # and the log copied to the database every 400 MB
REPLAY_BATCH = 20_000  # events per read while a model is rebuilt
_PACKED = itertools.count()  # batches attached by this process


class ReadModelsRebuilding(Exception):
    """A read model is being rebuilt for a new version; reads wait for it."""


class Projector:
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
            self._lock_tables(cur, shared=False)
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

    def _lock_tables(self, cur, shared: bool) -> None:
        """On PostgreSQL, the read models' lock for the rest of the transaction:
        shared to apply events, not shared to change tables or indexes.

        Workers start, catch up and rebuild at the same moment. CREATE INDEX
        locks its table even when the index exists, and applying events locks
        tables in the order of the events, so without this a worker starting
        and one catching up could each wait for a table the other holds.
        """
        if self.store.dialect == "postgres":
            kind = "_shared" if shared else ""
            cur.execute(f"SELECT pg_advisory_xact_lock{kind}(hashtext('dtks: read'))")

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
        return applied

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
            self._lock_tables(cur, shared=False)
            cur.execute("UPDATE rm_model SET version = 0")
        self.migrate()
        return self.head()

    def run(self, poll: float = 0.5, stop: threading.Event | None = None) -> None:
        """Follow the log until stopped (`dtks projections run`)."""
        stop = stop or threading.Event()
        while not stop.is_set():
            self.migrate()
            if self.catch_up() == 0:
                stop.wait(poll)

    def _rebuild(self, models: Sequence[ReadModel]) -> list[str]:
        """Drop, create and replay models in one transaction and one pass over
        the log; returns the names of those another process had not done first."""
        with self.store.transaction() as cur:
            self._lock_tables(cur, shared=False)
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
            for model in models:
                model.create(cur)
                cur.execute(
                    "UPDATE rm_model SET version = ?, position = ? WHERE name = ?",
                    (model.version, head, model.name),
                )
            return [m.name for m in models]

    def _replay(self, cur, models: Sequence[ReadModel], head: int) -> None:
        """Apply the log up to `head` to `models`: runs of baseline events with
        set-based SQL where the log is a table, every other event by its handler."""
        set_based = SetBasedReplay(self.log) if self.log.in_sql else None
        position = 0
        while position < head:
            listed = self.log.topics(position, REPLAY_BATCH, head, cursor=cur)
            for bulk, run in itertools.groupby(
                listed, key=lambda item: set_based is not None and item[1] in SET_BASED
            ):
                run = list(run)
                first, last = run[0][0], run[-1][0]
                if bulk:
                    set_based.apply(cur, models, first, last)
                    continue
                for event in self.log.read(first - 1, len(run), stop=last, cursor=cur):
                    self._apply_event(cur, event, models)
            position = listed[-1][0] if len(listed) == REPLAY_BATCH else head

    @contextlib.contextmanager
    def bulk_load(self, events: int) -> Iterator[BulkWriter | None]:
        """Prepare the read models for `events` new events recorded in a row.

        When they outnumber the events projected so far, the query indexes are
        dropped and built again at the end, which is much faster than keeping
        them up to date row by row; reads meanwhile are slower, not wrong. On
        SQLite the connection also gets a larger page cache for the load, and
        what it yields records events and projects them in one go (elsewhere it
        yields None: events are recorded as any write is, and the next catch-up
        applies them).
        """
        self.migrate()
        rebuild = events > self.position()
        sqlite = self.store.dialect == "sqlite"
        with self.store.transaction() as cur:
            self._lock_tables(cur, shared=False)
            if sqlite:
                cur.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
                cur.execute(f"PRAGMA wal_autocheckpoint = {BULK_CHECKPOINT_PAGES}")
            if rebuild:
                drop_indexes(cur, keep=APPENDED)
        writer = BulkWriter(self) if sqlite and not self.store.memory else None
        try:
            with writer or contextlib.nullcontext():
                yield writer
        finally:
            with self.store.transaction() as cur:
                self._lock_tables(cur, shared=False)
                create(cur)
                if sqlite:
                    cur.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
                    cur.execute(f"PRAGMA wal_autocheckpoint = {CHECKPOINT_PAGES}")

    def _apply_batch(self, target: int) -> int:
        with self.store.transaction() as cur:
            self._lock_tables(cur, shared=True)
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

    def _apply_event(self, cur, event: LoggedEvent, models) -> None:
        handlers = [h for m in models if (h := m.handler(event.topic)) is not None]
        if not handlers:
            return
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
        for handler in handlers:
            handler(cur, event.stream_id, data, event.position)


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

    def start(self) -> None:
        """Note where the log ends, before the first batch is prepared."""
        self._next = self.projector.head() + 1

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
        for position, (h, topic, data) in enumerate(facts, first):
            handler = HANDLERS.get(topic)
            if handler is not None:
                handler(rows, _dashed(h), data, position)
        self._next = first + len(facts)
        return first, rows.pending

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
        else:  # the log moved on meanwhile: apply the events at their positions
            rows = _events_of(cur.raw.connection, self.SCHEMA)  # attached above
            for offset, (h, version, topic, state) in enumerate(rows, self._head + 1):
                event = StoredEvent(_dashed(h), version, topic, state)
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
            statement = projector.ledger.recorder.select_max_notification_id_statement
            head = cur.execute(statement).fetchone()[0] or 0
            position = projector._position(cur)
            while position < head:
                position = projector._apply_from(cur, position, head)
            self._cur, self._head, self._written = cur, head, 0
        return self._cur


class _Rows(Inserts):
    """Stands in for a cursor while handlers project ahead: keeps their inserts."""

    def execute(self, statement: str, params: Sequence[Any] = ()) -> None:
        """Handlers of bulk-loaded events only insert."""
        raise RuntimeError(f"a bulk load cannot project ahead: {statement}")


def _selecting(statement: str, table: str) -> str:
    """An `INSERT ... VALUES (?, ...)` statement made to copy the rows of a table
    whose columns c0, c1, ... hold the values of its placeholders, in order."""
    head, values = statement.split(" VALUES (", 1)
    listed, after = values.split(")", 1)
    if "(" in listed:
        raise ValueError(
            f"only placeholders and plain values can be copied: {statement}"
        )
    columns, index = [], 0
    for value in listed.split(","):
        if value.strip() == "?":
            value, index = f"c{index}", index + 1
        columns.append(value.strip())
    # WHERE true: without it, SQLite would read ON CONFLICT as part of the SELECT
    selected = ", ".join(columns)
    return f"{head} SELECT {selected} FROM {table} WHERE true ORDER BY rowid{after}"


def _events_of(connection: Any, schema: str) -> list[Row]:
    """The events of a packed batch's database, attached under `schema`."""
    statement = f"SELECT * FROM {schema}.events ORDER BY rowid"
    return connection.execute(statement).fetchall()


def _dashed(h: str) -> str:
    """A stream id in hex as the log spells it."""
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
