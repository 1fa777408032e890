"""Bounds on every wait for the store, so an outage answers fast and passes alone.

eventsourcing retries a failed PostgreSQL call 10 times and waits up to the
connect timeout for a pooled connection each time; with the server cut off a
request then hung for ~90 s. Here a call is tried twice, a pooled connection is
awaited for POOL_WAIT seconds, a new one for CONNECT_TIMEOUT, a server that
stops answering is noticed by TCP keepalives, and a write is tried again only
when another writer was in its way. A serving process (the API) also sets
`statement_timeout` to the request budget.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import time
from collections.abc import Mapping
from typing import Any

from eventsourcing.persistence import (
    IntegrityError,
    InterfaceError,
    OperationalError,
)
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresFactory

# Seconds a call waits for a pooled connection. The pool holds more connections
# than a worker has threads, so a wait means the server is gone, not busy.
POOL_WAIT = "1"
CONNECT_TIMEOUT = 2  # seconds to open one connection
ATTEMPTS = 2  # tries of one store call; the second one on a fresh connection
BUDGET_KEY = "DTKS_STATEMENT_TIMEOUT_MS"
# PostgreSQL's serialization failure, deadlock and lock not available: another
# writer was in the way, and trying again is right. Anything else is an outage.
CONTENDED = {"40001", "40P01", "55P03"}


def request_budget() -> float:
    """Seconds a request may hold a worker (DTKS_REQUEST_BUDGET, default 10)."""
    return float(os.environ.get("DTKS_REQUEST_BUDGET") or 10)


def contended(error: Exception, started: float) -> bool:
    """Whether a failed write met another writer (worth another try within the
    request budget), rather than a store that is gone or too slow."""
    if time.monotonic() - started > request_budget() / 2:
        return False
    if isinstance(error, IntegrityError):
        return True  # another process saved a new version first
    cause = error.__cause__
    if isinstance(cause, sqlite3.OperationalError):
        return any(word in str(cause) for word in ("locked", "busy"))
    return getattr(cause, "sqlstate", None) in CONTENDED


def connection_kwargs(env: Mapping[str, str]) -> dict[str, Any]:
    """psycopg connection settings that bound every wait on the server."""
    kwargs: dict[str, Any] = {
        "connect_timeout": CONNECT_TIMEOUT,
        "keepalives": 1,
        "keepalives_idle": 2,
        "keepalives_interval": 1,
        "keepalives_count": 2,
        "tcp_user_timeout": CONNECT_TIMEOUT * 1000,  # unanswered sends, in ms
    }
    if env.get(BUDGET_KEY):
        kwargs["options"] = f"-c statement_timeout={env[BUDGET_KEY]}"
    return kwargs


def serving_env(env: dict[str, str], budget: float) -> dict[str, str]:
    """The store settings of a serving process: no statement outlives `budget`."""
    return {**env, BUDGET_KEY: str(int(budget * 1000))}


def limit_factory(factory: Any, env: Mapping[str, str]) -> None:
    """Give the library's connection pool the bounded connection settings.

    Called before the pool opens, so every connection it makes has them.
    """
    if isinstance(factory, PostgresFactory):
        kwargs = factory.datastore.pool.kwargs
        assert isinstance(kwargs, dict)  # the library always passes a dict
        kwargs.update(connection_kwargs(env))


def _tried_twice(method: Any) -> Any:
    """The library's method without its 10 retries: ATTEMPTS tries, and between
    them the pool drops the connections the server has closed."""
    inner = method.__wrapped__

    @functools.wraps(inner)
    def tried(self: Any, *args: Any, **kwargs: Any) -> Any:
        for _ in range(ATTEMPTS - 1):
            try:
                return inner(self, *args, **kwargs)
            except (InterfaceError, OperationalError):
                self.datastore.pool.check()
                time.sleep(0.1)
        return inner(self, *args, **kwargs)

    return tried


class FailFastRecorder(PostgresApplicationRecorder):
    """The PostgreSQL application recorder, with bounded retries."""

    insert_events = _tried_twice(PostgresApplicationRecorder.insert_events)
    select_events = _tried_twice(PostgresApplicationRecorder.select_events)
    select_notifications = _tried_twice(
        PostgresApplicationRecorder.select_notifications
    )
    max_notification_id = _tried_twice(PostgresApplicationRecorder.max_notification_id)


RECORDER_TOPIC = f"{__name__}:{FailFastRecorder.__name__}"
