"""HTTP throughput of every read endpoint against a trivial Flask JSON endpoint.

    python -m bench.http_reads --db /tmp/dtks-lists.sqlite3 --seconds 3 --rounds 3
    python -m bench.http_reads --db ... --only audit --only inbox   # some
    python -m bench.http_reads --db ... --base /tmp/main-tree   # main beside

With `--base`, the same endpoints of another tree (main, say, as `git archive`
unpacks it) are served beside on the same store, and measured in the same
rounds: a change compared with what it changes, under the same load. Both
trees must have the same read-model versions, or one rebuilds the store.

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
import signal
import statistics
from pathlib import Path

from bench.serving import measured, serve, wrk
from events.readside import open_service
from workflow.actors import command_line_actor

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
    parser.add_argument(
        "--base", type=Path, help="another tree (main) served beside, same store"
    )
    args = parser.parse_args()
    url = f"sqlite:///{args.db}"
    tokens, targets = accounts(url, args.only)
    store = {"DTKS_DATABASE_URL": url}
    started = [serve("bench.trivial:app", {}), serve("wsgi:app", store)]
    if args.base:
        started.append(serve("wsgi:app", store, root=args.base))
    try:
        servers = [(base_url, process.pid) for process, base_url in started]
        for _label, role, path in targets:  # warm the workers' caches
            for base_url, _pid in servers[1:]:
                wrk(base_url + path, tokens[role], 1)
        shown = {
            label: paired(
                [
                    (address + ("/ping" if n == 0 else path), pid)
                    for n, (address, pid) in enumerate(servers)
                ],
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


def paired(servers: list[tuple[str, int]], token: str, args) -> dict:
    """One endpoint against the trivial one, and against the same endpoint of
    the other tree when one is served (each a URL and its gunicorn master),
    in `args.rounds` rounds of `args.seconds` each, one after the other, so
    that a change of the machine's speed meets them alike; the ratios are of
    the medians of the rounds, of the rates and of the workers' CPU per
    request (the trivial's or the other tree's over this one's)."""
    runs: list[list[dict]] = [[] for _ in servers]
    for turn in range(args.rounds):
        order = list(enumerate(servers))
        if turn % 2:  # ours and the other tree's take turns going first
            order[1:] = order[:0:-1]
        for n, (url, pid) in order:
            runs[n].append(measured(url, token if n else None, args.seconds, pid))
    shown = _compared(runs[1], runs[0])
    if len(servers) > 2:
        shown["base"] = _compared(runs[2], runs[0])
        shown["vs_base"] = _compared(runs[1], runs[2], "base")
    return shown


def _compared(mine: list[dict], theirs: list[dict], name: str = "trivial") -> dict:
    def median(runs, key):
        return statistics.median(run[key] for run in runs)

    return {
        "rps": [run["rps"] for run in mine],
        f"{name}_rps": [run["rps"] for run in theirs],
        "ratio": round(median(mine, "rps") / median(theirs, "rps"), 2),
        "cpu_us": [run["cpu_us"] for run in mine],
        f"{name}_cpu_us": [run["cpu_us"] for run in theirs],
        "cpu_ratio": round(median(theirs, "cpu_us") / median(mine, "cpu_us"), 2),
        "non_2xx": sum(run["non_2xx"] for run in mine),
    }


if __name__ == "__main__":
    main()
