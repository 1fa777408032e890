"""A real gunicorn for end-to-end tests, benchmarks and fuzzing, on 127.0.0.1."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.e2e.http import Http

ROOT = Path(__file__).resolve().parents[2]


class ServerError(RuntimeError):
    """gunicorn did not come up; the message holds its log."""


def free_port() -> int:
    """A port no server listens on now (for a connection that must be refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclasses.dataclass
class Served:
    base: str  # http://127.0.0.1:<port>
    pid: int  # the gunicorn master's


@contextlib.contextmanager
def served(store_url: str, log_path: Path, strict: bool = True, **env: str):
    """gunicorn serving the app on the store, with `env` added; yields where.

    It listens on a socket this process bound first and hands over (`fd://`):
    a port chosen free and bound later could be taken by another socket in
    between. Its output goes to `log_path`; on exit it must hold no traceback
    (unless not `strict`: a fuzzer counts the 500s itself).
    """
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    listener.set_inheritable(True)
    port = listener.getsockname()[1]
    env = {
        **os.environ,
        "DTKS_DATABASE_URL": store_url,
        "DTKS_BIND": f"fd://{listener.fileno()}",
        "DTKS_WORKERS": "2",
        **env,
    }
    log = open(log_path, "wb")  # noqa: SIM115
    with listener:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            pass_fds=(listener.fileno(),),
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base, process, log_path)
        yield Served(base, process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
    logged = log_path.read_text()
    assert not strict or "Traceback" not in logged, logged[logged.index("Traceback") :][
        :3000
    ]


def _wait_for(base: str, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise ServerError(log_path.read_text())


@contextlib.contextmanager
def gunicorn(
    store_url: str, tokens: dict, log_path: Path, strict: bool = True, **env: str
):
    """A gunicorn serving the API on the store (see `served`); yields a client."""
    with served(store_url, log_path, strict, **env) as server:
        http = Http(server.base, tokens)
        http.store_url, http.pid = store_url, server.pid
        yield http
