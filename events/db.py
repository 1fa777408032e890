"""The read models' own connection to the same database as the event store.

SQL is written once with `?` placeholders and ISO-date TEXT columns, so the
same statements run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import contextlib
import functools
import re
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from operator import add
from typing import Any

from workflow.storage import connect_postgres
from workflow.store_limits import request_budget

CACHE_KIB = 256 * 1024  # SQLite page cache per connection
BULK_CACHE_KIB = 1024 * 1024  # and during a bulk load or a rebuild: 1 GiB
CHECKPOINT_PAGES = 1000  # WAL pages after which a commit copies them into the file
IDLE_CHECK = 2.0  # seconds idle after which a PostgreSQL connection is checked


class ReadStore:
    """Transactions and queries on the read-model tables, one connection per thread."""

    def __init__(self, env: dict[str, str]):
        self.env = env
        module = env.get("PERSISTENCE_MODULE")
        self.dialect = "postgres" if module == "eventsourcing.postgres" else "sqlite"
        self.memory = env.get("SQLITE_DBNAME", ":memory:") == ":memory:" and (
            self.dialect == "sqlite"
        )
        self._local = threading.local()
        self._shared: Any = None
        self._shared_lock = threading.RLock()

    def _connect(self) -> Any:
        if self.dialect == "postgres":
            return _postgres(self.env)
        if self.memory:
            return sqlite3.connect(
                ":memory:", check_same_thread=False, isolation_level=None
            )
        conn = sqlite3.connect(
            self.env["SQLITE_DBNAME"],
            timeout=request_budget(),  # a writer waits no longer for the lock
            isolation_level=None,
            check_same_thread=False,
        )
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        # The default 2 MB page cache thrashes on a registry of millions of rows.
        conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        conn.execute(f"PRAGMA wal_autocheckpoint={CHECKPOINT_PAGES}")
        conn.execute("PRAGMA temp_store=MEMORY")
        return conn

    @contextlib.contextmanager
    def _connection(self) -> Iterator[Any]:
        if self.memory:  # one shared in-memory database, used in turn
            with self._shared_lock:
                if self._shared is None:
                    self._shared = self._connect()
                yield self._shared
            return
        conn = getattr(self._local, "conn", None)
        if conn is None or getattr(conn, "closed", False) or self._lost(conn):
            conn = self._local.conn = self._connect()
        self._local.used = time.monotonic()
        yield conn

    def _lost(self, conn: Any) -> bool:
        """Whether an idle PostgreSQL connection was cut meanwhile (the server
        restarted, the network failed): one round trip, only after a pause, so
        the first request after an outage does not fail on a dead connection."""
        idle = time.monotonic() - getattr(self._local, "used", 0.0)
        if self.dialect != "postgres" or idle < IDLE_CHECK:
            return False
        if conn.info.transaction_status:  # 0 is idle; else a transaction is open
            return False
        try:
            conn.execute("SELECT 1")
            conn.rollback()
            return False
        except Exception:  # any failure: the next connection is a new one
            conn.close()
            return True

    def attach_memory(self, name: str) -> None:
        """Give this thread's SQLite connection an empty in-memory database
        under `name`; outside any transaction."""
        with self._connection() as conn:
            conn.execute("ATTACH DATABASE ':memory:' AS " + name)

    def detach(self, name: str) -> None:
        """Let go of an attached database."""
        with self._connection() as conn:
            conn.execute("DETACH DATABASE " + name)

    def sql(self, statement: str) -> str:
        """The statement in the placeholder style of this database."""
        return statement.replace("?", "%s") if self.dialect == "postgres" else statement

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Cursor]:
        """One write transaction: all of it is applied, or none of it."""
        with self._connection() as conn:
            cursor = Cursor(self, conn.cursor())
            if self.dialect == "sqlite":
                cursor.raw.execute("BEGIN IMMEDIATE")
            try:
                yield cursor
                cursor.flush()
            except BaseException:
                conn.rollback()
                raise
            conn.commit()

    def query(self, statement: str, params: Sequence[Any] = ()) -> list[tuple]:
        """Rows of a read-only query."""
        with self._connection() as conn:
            cur = conn.cursor()
            try:
                cur.execute(self.sql(statement), tuple(params))
                return cur.fetchall()
            finally:
                if self.dialect == "postgres" and not conn.closed:
                    conn.rollback()  # end the read transaction, failed or not

    def close(self) -> None:
        """Close this thread's connection."""
        conn = getattr(self._local, "conn", None) or self._shared
        if conn is not None:
            conn.close()
        self._local.conn = self._shared = None


@contextlib.contextmanager
def rebuilding(cur: Cursor) -> Iterator[None]:
    """SQLite settings for a transaction that rewrites whole read models: a
    large page cache, and freed pages left as they are rather than zeroed (the
    dropped tables held nothing the log does not)."""
    if cur.store.dialect != "sqlite":
        yield
        return
    zeroing = cur.execute("PRAGMA secure_delete").fetchone()[0]
    cur.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    cur.execute("PRAGMA secure_delete = 0")
    try:
        yield
    finally:
        cur.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        cur.execute(f"PRAGMA secure_delete = {int(zeroing)}")


class Inserts:
    """Insert statements kept with their rows, to be sent many rows at a time."""

    def __init__(self) -> None:
        self.pending: dict[str, list[Sequence[Any]]] = {}
        # Upserts that add to a row, summed per key until they are sent.
        self.sums: dict[str, dict[tuple, tuple]] = {}
        # What handlers learnt in this transaction (written or read), so that a
        # long replay asks the database less often.
        self.memo: dict[str, Any] = {}

    def insert(self, statement: str, params: Sequence[Any]) -> None:
        """Queue one insert."""
        self.pending.setdefault(statement, []).append(tuple(params))

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
            if tables is None or _target(statement) in tables:
                rows = self.pending.setdefault(statement, [])
                rows.extend((*k, *v) for k, v in self.sums.pop(statement).items())
        return {
            statement: self.pending.pop(statement)
            for statement in list(self.pending)
            if tables is None or _target(statement) in tables
        }


class Cursor(Inserts):
    """A cursor that translates placeholders and batches inserts.

    Inserts wait in a buffer and go to the database many rows at a time; any
    other statement sends them first, so reads and updates see every row
    inserted before them.
    """

    def __init__(self, store: ReadStore, raw: Any):
        super().__init__()
        self.store, self.raw = store, raw

    def flush(self, tables: set[str] | None = None) -> None:
        """Send the queued inserts (only those into `tables`, when given)."""
        for statement, rows in self.queued(tables).items():
            self.raw.executemany(self.store.sql(statement), rows)

    def execute(self, statement: str, params: Sequence[Any] = ()) -> Cursor:
        """Run one statement, after the queued inserts into the tables it names.

        Inserts into other tables wait: rows of different tables do not see
        each other, and sending them many at a time is what makes a replay fast.
        """
        if self.pending or self.sums:
            self.flush(_tables(statement))
        self.raw.execute(self.store.sql(statement), tuple(params))
        return self

    def executemany(self, statement: str, rows: list[Sequence[Any]]) -> None:
        """Run one statement for many rows."""
        if self.pending or self.sums:
            self.flush()
        if rows:
            self.raw.executemany(self.store.sql(statement), rows)

    def fetchall(self) -> list[tuple]:
        """All rows of the last statement."""
        return self.raw.fetchall()

    def fetchone(self) -> tuple | None:
        """The next row of the last statement."""
        return self.raw.fetchone()


NAMED = re.compile(
    r"\b(?:FROM|JOIN|UPDATE|INTO|TABLE|EXISTS)\s+([a-z_][a-z0-9_.]*)", re.I
)


@functools.lru_cache(maxsize=1024)
def _tables(statement: str) -> set[str] | None:
    """The tables a statement names (None: it may touch any, flush all)."""
    if statement.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE", "INSERT")):
        return set(NAMED.findall(statement))
    return None


@functools.lru_cache(maxsize=1024)
def _target(insert: str) -> str:
    """The table an INSERT statement writes."""
    return NAMED.search(insert).group(1)


def _postgres(env: dict[str, str]) -> Any:
    conn = connect_postgres(env)
    if env.get("POSTGRES_SCHEMA"):
        conn.execute(f'SET search_path TO "{env["POSTGRES_SCHEMA"]}"')
        conn.commit()
    return conn
