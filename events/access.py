"""Who read whose personal data: an append-only table, written in batches.

A read of a person's or family's record, or a search, is queued in memory and
written with others by a background thread (every BATCH entries or SECONDS
seconds, and at exit), so a read costs no write of its own. A worker killed
with SIGKILL loses at most what it queued in its last SECONDS.
"""

from __future__ import annotations

import atexit
import logging
import threading
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

import orjson

from events.db import ReadStore, ledger_lock

log = logging.getLogger("dtks.access")

BATCH, SECONDS = 200, 1.0
KEEP_UNWRITTEN = 50_000  # while the store is down; beyond that the oldest go
COLUMNS = "at, user_id, route, status, nik, kk, region"
_row = attrgetter(*COLUMNS.split(", "))
INSERT = f"INSERT INTO dtks_access ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)"
# On SQLite a batch is one statement over a JSON array: executemany would take
# the interpreter's lock back after every row, and a search's hundred entries
# then made the requests running beside the writer wait (the DCI predicate's
# p95 went from 8 to 29 ms with the access log on; bench/RESULTS.md).
FROM_JSON = (
    f"INSERT INTO dtks_access ({COLUMNS}) SELECT "
    + ", ".join(f"json_extract(value, '$[{i}]')" for i in range(7))
    + " FROM json_each(?)"
)
DDL = {
    "sqlite": [
        "CREATE TABLE IF NOT EXISTS dtks_access (id INTEGER PRIMARY KEY "
        "AUTOINCREMENT, at TEXT NOT NULL, user_id TEXT NOT NULL, route TEXT NOT "
        "NULL, status INTEGER, nik TEXT, kk TEXT, region TEXT)",
        "CREATE TRIGGER IF NOT EXISTS dtks_access_no_update BEFORE UPDATE ON "
        "dtks_access BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END",
        "CREATE TRIGGER IF NOT EXISTS dtks_access_no_delete BEFORE DELETE ON "
        "dtks_access BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END",
    ],
    "postgres": [
        ledger_lock("access log"),
        "CREATE TABLE IF NOT EXISTS dtks_access (id BIGINT GENERATED ALWAYS AS "
        "IDENTITY PRIMARY KEY, at TEXT NOT NULL, user_id TEXT NOT NULL, route TEXT "
        "NOT NULL, status INTEGER, nik TEXT, kk TEXT, region TEXT)",
        "CREATE OR REPLACE FUNCTION dtks_access_append_only() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION "
        "'the access log is append-only'; END $$",
        "CREATE OR REPLACE TRIGGER dtks_access_append_only BEFORE UPDATE OR DELETE "
        "ON dtks_access FOR EACH STATEMENT EXECUTE FUNCTION dtks_access_append_only()",
    ],
}
INDEXES = [
    "CREATE INDEX IF NOT EXISTS dtks_access_nik ON dtks_access (nik, id)",
    "CREATE INDEX IF NOT EXISTS dtks_access_kk ON dtks_access (kk, id)",
    "CREATE INDEX IF NOT EXISTS dtks_access_user ON dtks_access (user_id, id)",
    "CREATE INDEX IF NOT EXISTS dtks_access_at ON dtks_access (at)",
]


@dataclass(frozen=True)
class Access:
    """One read of personal data: by whom, of whose, when, through which route."""

    at: str  # UTC ISO 8601
    user_id: str
    route: str  # the route template, e.g. /api/v1/registry/people/<nik>
    status: int
    nik: str | None = None
    kk: str | None = None
    region: str | None = None  # the record's desa, or the region searched


class AccessLog:
    """The access log of one process: a queue, its writer thread, its queries."""

    def __init__(self, env: dict[str, str], batch: int = BATCH, seconds=SECONDS):
        self.store = ReadStore(env)
        self.batch, self.seconds = batch, seconds
        self._queue: list[Access] = []
        self._lock, self._wake = threading.Lock(), threading.Event()
        self._created = False
        self._writer: threading.Thread | None = None
        self._at_exit = False

    def record(self, *accesses: Access) -> None:
        """Queue accesses; the writer thread stores them soon."""
        with self._lock:
            self._queue.extend(accesses)
            full = len(self._queue) >= self.batch
            if self._writer is None:  # started on use: after any fork
                self._writer = threading.Thread(target=self._write, daemon=True)
                self._writer.start()
            if not self._at_exit:
                atexit.register(self._flush_at_exit)
                self._at_exit = True
        if full:
            self._wake.set()

    def flush(self) -> int:
        """Store every queued access now; returns how many were stored."""
        with self._lock:
            queued, self._queue = self._queue, []
        if not queued:
            return 0
        try:
            self._ensure()
            rows = [_row(access) for access in queued]
            with self.store.transaction() as cur:
                if self.store.dialect == "sqlite":
                    cur.execute(FROM_JSON, (orjson.dumps(rows).decode(),))
                else:
                    cur.executemany(INSERT, rows)
        except Exception:
            self._requeue(queued)
            raise
        return len(queued)

    def page(self, scope: str | None, after: int, limit: int, **match: Any):
        """Accesses in order after id `after`, matching `match` (nik, kk,
        user_id, since, until), within `scope`; and the cursor of the next page."""
        self._ensure()
        where, params = _conditions(scope, after, match)
        rows = self.store.query(
            f"SELECT id, {COLUMNS} FROM dtks_access WHERE {where} ORDER BY id LIMIT ?",
            [*params, limit + 1],
        )
        items = [_item(row) for row in rows[:limit]]
        return items, (items[-1]["id"] if len(rows) > limit else None)

    def refusals(self, scope: str | None, since=None, until=None) -> list[dict]:
        """Requests refused as conflicts (answered 409), counted per user, among
        the entries filed within `scope`."""
        self._ensure()
        where, params = _conditions(scope, 0, {"since": since, "until": until})
        rows = self.store.query(
            f"SELECT user_id, COUNT(*) FROM dtks_access WHERE {where} "
            "AND status = 409 GROUP BY user_id ORDER BY user_id",
            params,
        )
        return [{"user_id": user, "refused": int(count)} for user, count in rows]

    def _ensure(self) -> None:
        if self._created:
            return
        with self.store.transaction() as cur:
            for statement in [*DDL[self.store.dialect], *INDEXES]:
                cur.execute(statement)
        self._created = True

    def _requeue(self, unwritten: list[Access]) -> None:
        with self._lock:
            self._queue = [*unwritten, *self._queue]
            lost = len(self._queue) - KEEP_UNWRITTEN
            if lost > 0:
                del self._queue[:lost]
                log.error("access log: %d entries lost while the store was down", lost)

    def close(self) -> None:
        """Store what is queued, as the service closes; an entry that cannot be
        stored now is reported, as nothing more can be done. The connection
        this thread used for it is closed (the writer closes its own)."""
        try:
            self.flush()
        except Exception as error:
            log.error("access log: unwritten at close: %s", type(error).__name__)
        finally:
            if not self.store.memory:
                self.store.close()

    _flush_at_exit = close

    def _write(self) -> None:
        """Write what is queued until a round finds nothing; then let the
        connection go (the next access starts a writer again)."""
        while True:
            self._wake.wait(self.seconds)
            self._wake.clear()
            try:
                written = self.flush()
            except Exception as error:  # the store is down: kept, tried again
                log.warning("access log not written yet: %s", type(error).__name__)
                continue
            with self._lock:
                if written == 0 and not self._queue:
                    self._writer = None
                    break
        if not self.store.memory:  # an in-memory database lives in its connection
            self.store.close()


def _conditions(scope: str | None, after: int, match: dict) -> tuple[str, list]:
    clauses, params = ["id > ?"], [after]
    for column in ("nik", "kk", "user_id"):
        if match.get(column):
            clauses.append(f"{column} = ?")
            params.append(match[column])
    if match.get("since"):
        clauses.append("at >= ?")
        params.append(match["since"])
    if match.get("until"):
        clauses.append("at < ?")
        params.append(match["until"])
    if scope:  # a regional auditor sees the accesses to records of its region
        clauses.append("(region = ? OR region LIKE ?)")
        params += [scope, scope + ".%"]
    return " AND ".join(clauses), params


def _item(row: tuple) -> dict:
    names = ["id", *COLUMNS.split(", ")]
    return dict(zip(names, row, strict=True))
