"""Server time of each read endpoint through the bare WSGI callable, no network.

    python -m bench.wsgi_reads --db /tmp/dtks-lists.sqlite3 --samples 300
    python -m bench.wsgi_reads --db ... --profile "audit events (national)"

Calls the Flask app as gunicorn would (`app(environ, start_response)`, the body
read to its end), with the tokens and paths of bench.http_reads, beside the
trivial endpoint of bench.trivial, after a hundred calls of each (the first
requests of a process pay for full collections of the objects the app built
at start, which later requests do not), and reports each one's mean, p50 and p95 of
`time.thread_time` (CPU of the calling thread: what a worker spends, whatever
else runs on the machine) and the size of its answer. With `--profile LABEL`
it prints cProfile's view of that endpoint instead. Adds the bench accounts to
the store, as bench.http_reads does: run it on a copy.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import time

from werkzeug.test import EnvironBuilder

from api import create_app
from bench import http_reads
from bench import trivial as trivial_app


def environ_of(path: str, token: str | None) -> dict:
    """The WSGI environ gunicorn would hand the app for a GET of `path`."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return EnvironBuilder(path=path, headers=headers).get_environ()


def call(app, environ: dict) -> bytes:
    """One request through the WSGI callable; the answer's body."""
    status = []
    chunks = app(dict(environ), lambda s, h, e=None: status.append(s))
    try:
        body = b"".join(chunks)
    finally:
        getattr(chunks, "close", lambda: None)()
    if not status[0].startswith("200"):
        raise RuntimeError(f"{environ['PATH_INFO']}: {status[0]} {body[:300]!r}")
    return body


def timed(app, environ: dict, samples: int) -> dict:
    """Mean (what throughput pays), p50 and p95 microseconds of thread time,
    and the answer's size."""
    body = call(app, environ)  # warm
    spent = []
    for _ in range(samples):
        start = time.thread_time_ns()
        call(app, environ)
        spent.append((time.thread_time_ns() - start) / 1000)
    spent.sort()
    return {
        "mean_us": round(statistics.fmean(spent)),
        "p50_us": round(statistics.median(spent)),
        "p95_us": round(spent[int(len(spent) * 0.95) - 1]),
        "bytes": len(body),
    }


def main() -> None:
    """Time (or profile) every read endpoint of bench.http_reads in-process."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="/tmp/dtks-lists.sqlite3")
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--profile", help="label of the endpoint to profile")
    parser.add_argument(
        "--only", action="append", help="only the endpoints whose label has this"
    )
    args = parser.parse_args()
    url = f"sqlite:///{args.db}"
    os.environ.update(DTKS_RATE_LIMITS="off", DTKS_DATABASE_URL=url)
    tokens, targets = http_reads.accounts(url, args.only)

    app = create_app({"DATABASE_URL": url})
    if args.profile:
        _, role, path = next(t for t in targets if t[0] == args.profile)
        environ = environ_of(path, tokens[role])
        call(app, environ)
        profile = cProfile.Profile()
        profile.runcall(lambda: [call(app, environ) for _ in range(args.samples)])
        stats = pstats.Stats(profile).sort_stats("tottime")
        stats.print_stats(30)
        stats.sort_stats("cumulative").print_stats(45)
        return
    for _ in range(100):  # open the ledger, warm its caches, and let the
        for _, role, path in targets:  # collector settle the app's start-up
            call(app, environ_of(path, tokens[role]))
    shown = {"trivial": timed(trivial_app.app, environ_of("/ping", None), 1000)}
    for label, role, path in targets:
        shown[label] = timed(app, environ_of(path, tokens[role]), args.samples)
    print(json.dumps(shown, indent=2))


if __name__ == "__main__":
    main()
