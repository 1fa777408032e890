"""The read models' own connection to the same database as the event store.

SQL is written once with `?` placeholders and ISO-date TEXT columns, so the
same statements run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from typing import Any

from events.cursor import Cursor
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
        self._opened: list[Any] = []  # every thread's, for close_all()

    def _connect(self) -> Any:
        conn = self._open()
        with self._shared_lock:  # a connection lost to an outage is closed: let go
            self._opened = [c for c in self._opened if not getattr(c, "closed", 0)]
            self._opened.append(conn)
        return conn

    def _open(self) -> Any:
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
            with self._shared_lock:
                self._opened = [c for c in self._opened if c is not conn]
        self._local.conn = self._shared = None

    def close_all(self) -> None:
        """Close the connection of every thread, as the service closes: those of
        request threads would otherwise stay open until garbage collection
        (a test suite ran PostgreSQL out of connections that way)."""
        with self._shared_lock:
            opened, self._opened = self._opened, []
            self._local, self._shared = threading.local(), None
        for conn in opened:
            conn.close()


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


def _postgres(env: dict[str, str]) -> Any:
    conn = connect_postgres(env)
    if env.get("POSTGRES_SCHEMA"):
        conn.execute(f'SET search_path TO "{env["POSTGRES_SCHEMA"]}"')
        conn.commit()
    return conn


def ledger_lock(name: str, shared: bool = False) -> str:
    """The statement that takes PostgreSQL's advisory lock `name` until the
    transaction ends: one per schema, so that ledgers sharing a database (a
    training copy beside production, each test) never wait for each other."""
    kind = "_shared" if shared else ""
    key = f"hashtext('dtks: {name} ' || current_schema())"
    return f"SELECT pg_advisory_xact_lock{kind}({key})"
