"""A real gunicorn with 2 workers, on a SQLite file and on PostgreSQL."""

from __future__ import annotations

import pytest

from tests.apiclient import issue_tokens
from tests.e2e.server import gunicorn
from workflow.app import open_ledger


@pytest.fixture
def server(store_url, tmp_path):
    """gunicorn serving the API on the store; yields a client with every token."""
    ledger = open_ledger(store_url)
    tokens = issue_tokens(ledger)
    ledger.close()
    # Sync workers take one connection at a time, so concurrent requests are
    # spread over both workers, which is what these tests are about.
    with gunicorn(
        store_url, tokens, tmp_path / "gunicorn.log", DTKS_WORKER_CLASS="sync"
    ) as http:
        yield http
