"""A real gunicorn with 2 workers, on a SQLite file and on PostgreSQL."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.apiclient import issue_tokens
from tests.e2e.http import Http
from workflow.app import open_ledger

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(store_url: str, tokens: dict, log_path: Path, **env: str):
    """A gunicorn serving the API on the store, with `env` added; yields a client.

    Its output goes to `log_path`; on exit it must hold no traceback.
    """
    port = free_port()
    env = {
        **os.environ,
        "DTKS_DATABASE_URL": store_url,
        "DTKS_BIND": f"127.0.0.1:{port}",
        "DTKS_WORKERS": "2",
        **env,
    }
    log = open(log_path, "wb")  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    http = Http(f"http://127.0.0.1:{port}", tokens)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if http.call("GET", "/healthz", role=None).status == 200:
                break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail(log_path.read_text())
    http.store_url, http.pid = store_url, process.pid
    try:
        yield http
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
    logged = log_path.read_text()
    assert "Traceback" not in logged, logged[logged.index("Traceback") :][:3000]


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
