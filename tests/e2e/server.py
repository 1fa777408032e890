"""A real gunicorn for end-to-end tests, benchmarks and fuzzing, on 127.0.0.1."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.e2e.http import Http

ROOT = Path(__file__).resolve().parents[2]


class ServerError(RuntimeError):
    """gunicorn did not come up; the message holds its log."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(
    store_url: str, tokens: dict, log_path: Path, strict: bool = True, **env: str
):
    """A gunicorn serving the API on the store, with `env` added; yields a client.

    Its output goes to `log_path`; on exit it must hold no traceback (unless not
    `strict`: a fuzzer counts the 500s itself).
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
        raise ServerError(log_path.read_text())
    http.store_url, http.pid = store_url, process.pid
    try:
        yield http
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
    logged = log_path.read_text()
    assert not strict or "Traceback" not in logged, logged[logged.index("Traceback") :][
        :3000
    ]
