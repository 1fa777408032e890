"""Stores for the tests: in memory (unit), SQLite file and PostgreSQL (integration)."""

from __future__ import annotations

import contextlib
import gc
import os
import uuid
from collections.abc import Iterator

import psycopg
import pytest

from events.readside import open_service
from tests.support import make_actors

# Tests act far faster than people do: their tokens are not rate limited unless
# a test configures limits itself (tests/integration/test_rate_limits.py).
os.environ.setdefault("DTKS_RATE_LIMITS", "write=off,search=off")

POSTGRES_URL = os.environ.get(
    "DTKS_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)


def _postgres_or_skip() -> None:
    try:
        psycopg.connect(POSTGRES_URL, connect_timeout=3).close()
    except psycopg.OperationalError as error:
        message = f"PostgreSQL is not reachable at {POSTGRES_URL}: {error}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@contextlib.contextmanager
def fresh_schema() -> Iterator[str]:
    """The URL of a fresh, empty schema on the PostgreSQL server, dropped after."""
    _postgres_or_skip()
    schema = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{POSTGRES_URL}?schema={schema}"
    finally:
        # Ledgers a test left open hold connections until they are collected;
        # collected now, the suite stays within the server's max_connections.
        gc.collect()
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def postgres_url():
    """A fresh, empty schema on the PostgreSQL server, dropped afterwards."""
    with fresh_schema() as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path):
    """A new SQLite file."""
    return f"sqlite:///{tmp_path}/dtks.sqlite3"


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request):
    """Each integration test runs once on a SQLite file and once on PostgreSQL."""
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture
def ledger():
    """The ledger on the in-memory store, for fast unit tests."""
    app = open_service("memory://")
    yield app
    app.close()


@pytest.fixture
def actors(ledger):
    """One account of each role, scoped to Kabupaten Jepara."""
    return make_actors(ledger)


@pytest.fixture
def api(sqlite_url):
    """The Flask app on a fresh SQLite file, with a token for every role."""
    from api import create_app
    from tests.apiclient import Client, issue_tokens

    app = create_app({"DATABASE_URL": sqlite_url})
    ledger = app.extensions["dtks_ledger"]()
    client = Client(app.test_client(), issue_tokens(ledger))
    client.ledger = ledger
    yield client
    ledger.close()
