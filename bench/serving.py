"""gunicorn servers and wrk runs for the HTTP benchmarks (bench.http_reads).

Only the servers a benchmark starts are stopped, by their process ids.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(app: str, env: dict, root: Path = ROOT) -> tuple[subprocess.Popen, str]:
    """Start gunicorn with the settings of the tree at `root` (this one by
    default) and its code; returns it and its base URL."""
    port = _port()
    # Limits off: the benchmark measures reads, not the per-token rate limits.
    env = {**os.environ, "DTKS_RATE_LIMITS": "off", **env}
    env["DTKS_BIND"] = f"127.0.0.1:{port}"
    env["DTKS_ACCESS_LOG"] = "/dev/null"
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", app],
        cwd=root,
        env={**env, "PYTHONPATH": str(root)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            return process, base
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"{app} did not start")


def wrk(url: str, token: str | None, seconds: int) -> dict:
    """Requests per second and non-2xx answers of one wrk run."""
    command = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", url]
    if token:
        command[1:1] = ["-H", f"Authorization: Bearer {token}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": round(rate),
        "requests": requests,
        "non_2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(1) if errors else None,
    }


def cpu_of(master: int) -> float:
    """CPU seconds (user and system) spent so far by a gunicorn master's workers."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # a process that ended meanwhile
            continue
        if int(fields[1]) == master:  # ppid; then utime and stime, in ticks
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def measured(url: str, token: str | None, seconds: int, master: int) -> dict:
    """One wrk run, with the workers' CPU microseconds per request: unlike the
    rate, it does not move with whatever else the machine runs at the time."""
    before = cpu_of(master)
    result = wrk(url, token, seconds)
    spent = cpu_of(master) - before
    return {**result, "cpu_us": round(spent / max(result["requests"], 1) * 1e6)}
