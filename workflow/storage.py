"""Choosing the event store from DTKS_DATABASE_URL."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

from eventsourcing.persistence import OperationalError

from workflow.store_limits import (
    POOL_WAIT,
    RECORDER_TOPIC,
    connection_kwargs,
    request_budget,
)

DEFAULT_URL = "sqlite:///var/dtks.sqlite3"


class StorageError(ValueError):
    """The database URL cannot be used."""


def database_url() -> str:
    """The configured database URL, or the embedded SQLite default."""
    return os.environ.get("DTKS_DATABASE_URL") or DEFAULT_URL


def store_env(url: str | None = None) -> dict[str, str]:
    """Translate a database URL into the eventsourcing persistence settings.

    ``sqlite:///relative/path``, ``sqlite:////absolute/path``, ``sqlite://:memory:``
    or ``postgresql://user:pass@host:port/db?schema=name``.
    """
    url = url or database_url()
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        return _sqlite_env(url[len("sqlite://") :])
    if parsed.scheme in ("postgresql", "postgres"):
        return _postgres_env(parsed)
    if parsed.scheme == "memory":
        return {"PERSISTENCE_MODULE": "eventsourcing.popo"}
    raise StorageError(f"unsupported database URL scheme {parsed.scheme!r}: {url}")


def _sqlite_env(rest: str) -> dict[str, str]:
    if rest in (":memory:", "/:memory:"):
        return {
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": ":memory:",
        }
    path = Path(rest[1:] if rest.startswith("/") else rest)
    path.parent.mkdir(parents=True, exist_ok=True)
    return {
        "PERSISTENCE_MODULE": "eventsourcing.sqlite",
        "SQLITE_DBNAME": str(path),
        # A writer waits for another's lock at most one request budget.
        "SQLITE_LOCK_TIMEOUT": str(int(request_budget())),
    }


def _postgres_env(parsed) -> dict[str, str]:
    query = parse_qs(parsed.query)
    env = {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": parsed.path.lstrip("/") or "postgres",
        "POSTGRES_HOST": parsed.hostname or "127.0.0.1",
        "POSTGRES_PORT": str(parsed.port or 5432),
        "POSTGRES_USER": unquote(parsed.username or "postgres"),
        "POSTGRES_PASSWORD": unquote(parsed.password or ""),
        # Bounded waits (see workflow/store_limits.py): a pooled connection is
        # awaited POOL_WAIT s; past 16 waiting threads a call fails at once.
        "POSTGRES_CONNECT_TIMEOUT": POOL_WAIT,
        "POSTGRES_MAX_WAITING": "16",
        "POSTGRES_POOL_SIZE": "4",
        "POSTGRES_LOCK_TIMEOUT": str(max(1, int(request_budget() / 2))),
        "POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT": "5",
        "APPLICATION_RECORDER_TOPIC": RECORDER_TOPIC,
    }
    if "schema" in query:
        env["POSTGRES_SCHEMA"] = query["schema"][0]
    return env


@contextlib.contextmanager
def schema_lock(env: dict[str, str]) -> Iterator[None]:
    """Hold a store-wide lock while tables are created.

    Several workers starting at once would otherwise run the same DDL together,
    which PostgreSQL refuses ("tuple concurrently updated"). SQLite serialises
    writers on its own.
    """
    if env.get("PERSISTENCE_MODULE") != "eventsourcing.postgres":
        yield
        return
    import psycopg

    try:
        conn = connect_postgres(env, autocommit=True)
    except psycopg.OperationalError as error:
        # the library's own error, which callers already treat as an outage
        raise OperationalError(str(error)) from error
    # One lock per ledger (schema): ledgers sharing a database do not wait for
    # each other, as the read side's, the seal's and the access log's locks.
    key = ("dtks: create tables " + env.get("POSTGRES_SCHEMA", "public"),)
    with conn:
        conn.execute("SELECT pg_advisory_lock(hashtext(%s))", key)
        try:
            yield
        finally:
            conn.execute("SELECT pg_advisory_unlock(hashtext(%s))", key)


def connect_postgres(env: Mapping[str, str], **options: Any) -> Any:
    """A psycopg connection to the store of `env`, with bounded waits."""
    import psycopg

    return psycopg.connect(
        dbname=env["POSTGRES_DBNAME"],
        host=env["POSTGRES_HOST"],
        port=env["POSTGRES_PORT"],
        user=env["POSTGRES_USER"],
        password=env.get("POSTGRES_PASSWORD") or None,
        **connection_kwargs(env),
        **options,
    )
