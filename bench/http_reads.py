"""HTTP throughput of every read endpoint against a trivial Flask JSON endpoint.

    python -m bench.http_reads --db /tmp/dtks-lists.sqlite3 --seconds 3 --rounds 3
    python -m bench.http_reads --db ... --only audit --only inbox   # some

Both are served by gunicorn with the project's settings (2 workers, gthread x4)
on 127.0.0.1, and loaded by wrk with 2 threads and 16 connections, in the same
run: each endpoint alternates with the trivial one, round by round (the
machine's speed drifts by 3x within minutes on a shared host, so an endpoint
is compared with the trivial one measured right beside it). Beside the ratio
of rates, `cpu_ratio` is that of the workers' CPU time per request (read from
/proc): the rate swings with the other processes of a shared machine, the CPU
a request costs much less.
Only the servers this script starts are stopped, by their process ids.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from events.readside import open_service
from workflow.actors import command_line_actor

ROOT = Path(__file__).resolve().parents[1]
# account: (role, region); the quiet camat's kecamatan has no proposals in the
# stores bench.lists builds (they go to the first eight kecamatan of 33.20).
ROLES = {
    "operator": ("operator", "33.20.01.2001"),
    "camat": ("camat", "33.20.01"),
    "quiet camat": ("camat", "33.20.16"),
    "verifier": ("verifier", "33.20"),
    "auditor": ("auditor", "33.20"),
    "admin": ("admin", None),
}


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(app: str, env: dict) -> tuple[subprocess.Popen, str]:
    """Start gunicorn with the project's settings; returns it and its base URL."""
    port = _port()
    # Limits off: the benchmark measures reads, not the per-token rate limits.
    env = {**os.environ, "DTKS_RATE_LIMITS": "off", **env}
    env["DTKS_BIND"] = f"127.0.0.1:{port}"
    env["DTKS_ACCESS_LOG"] = "/dev/null"
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", app],
        cwd=ROOT,
        env=env,
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


def paths(ledger) -> list[tuple[str, str, str]]:
    """(label, role, path) of every read endpoint, on real records of the store."""
    read = ledger.index.fresh()
    family = read.families("33.20.01.2001", "2026-12-01", "", 1)[0][0]
    nik = family["members"][0]["nik"]
    return [
        ("proposals of a desa", "operator", "/api/v1/proposals"),
        ("camat inbox", "camat", "/api/v1/proposals?status=in_deliberation"),
        ("empty camat inbox", "quiet camat", "/api/v1/proposals?status=endorsed"),
        ("verifier inbox", "verifier", "/api/v1/proposals?status=endorsed"),
        ("deliberations", "camat", "/api/v1/deliberations"),
        ("ratifications", "verifier", "/api/v1/ratifications"),
        ("determinations", "verifier", "/api/v1/determinations"),
        ("users", "admin", "/api/v1/users"),
        (
            "registry families of a desa",
            "operator",
            "/api/v1/registry/families?limit=50",
        ),
        ("one family", "operator", f"/api/v1/registry/families/{family['kk']}"),
        ("one person", "operator", f"/api/v1/registry/people/{nik}"),
        ("person history", "operator", f"/api/v1/registry/people/{nik}/history"),
        ("registry stats of a kecamatan", "camat", "/api/v1/registry/stats"),
        ("audit events (regional)", "auditor", "/api/v1/audit/events?limit=100"),
        ("audit events (national)", "admin", "/api/v1/audit/events?limit=100"),
    ]


def accounts(url: str, only: list[str] | None) -> tuple[dict, list]:
    """A token of a new account of each role in ROLES (the store is written
    to), and the endpoints whose label has one of `only` (all when None)."""
    ledger = open_service(url)
    try:
        tokens = {
            account: ledger.add_user(
                command_line_actor(),
                {"name": f"Bench {account}", "role": role, "region": region},
            )[1]
            for account, (role, region) in ROLES.items()
        }
        targets = [t for t in paths(ledger) if not only or any(o in t[0] for o in only)]
    finally:
        ledger.close()
    return tokens, targets


def main() -> None:
    """Serve both apps, load each endpoint, print the ratios."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="/tmp/dtks-lists.sqlite3")
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--only", action="append", help="only the endpoints whose label has this"
    )
    args = parser.parse_args()
    url = f"sqlite:///{args.db}"
    tokens, targets = accounts(url, args.only)
    started = [
        serve("bench.trivial:app", {}),
        serve("wsgi:app", {"DTKS_DATABASE_URL": url}),
    ]
    try:
        (bare, trivial), (served, ours) = started
        for _label, role, path in targets:  # warm both workers' caches
            wrk(ours + path, tokens[role], 1)
        shown = {
            label: paired(
                (trivial + "/ping", bare.pid),
                (ours + path, served.pid),
                tokens[role],
                args,
            )
            for label, role, path in targets
        }
    finally:
        for process, _ in started:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
    print(json.dumps(shown, indent=2))


def paired(trivial: tuple[str, int], ours: tuple[str, int], token: str, args):
    """One endpoint against the trivial one (each a URL and its gunicorn
    master), alternating in `args.rounds` rounds of `args.seconds` each, so
    that a change of the machine's speed meets both alike; the ratio is of the
    medians of the rounds, of the rates and of the workers' CPU per request."""
    mine, theirs, non_2xx = [], [], 0
    for _ in range(args.rounds):
        theirs.append(measured(trivial[0], None, args.seconds, trivial[1]))
        result = measured(ours[0], token, args.seconds, ours[1])
        mine.append(result)
        non_2xx += result["non_2xx"]

    def median(runs, key):
        return statistics.median(run[key] for run in runs)

    return {
        "rps": [run["rps"] for run in mine],
        "trivial_rps": [run["rps"] for run in theirs],
        "ratio": round(median(mine, "rps") / median(theirs, "rps"), 2),
        "cpu_us": [run["cpu_us"] for run in mine],
        "trivial_cpu_us": [run["cpu_us"] for run in theirs],
        "cpu_ratio": round(median(theirs, "cpu_us") / median(mine, "cpu_us"), 2),
        "non_2xx": non_2xx,
    }


if __name__ == "__main__":
    main()
