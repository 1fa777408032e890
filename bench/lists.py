"""List benchmark: the first page of every list, with filters matching many, few
and none, at the scale of record (SPEC §7), plus the rebuild rate.

    python -m bench.lists --people 1000000 --db /tmp/dtks-lists.sqlite3
    python -m bench.lists --reuse --db /tmp/dtks-lists.sqlite3   # measure again
    python -m bench.lists --reuse --rebuild-only --db ...         # the rebuild alone

Builds Kabupaten Jepara (baseline and 12 months of churn, as bench.read_side),
adds 50,000 proposals over every status (bench.workflow), rebuilds every read
model and reports, in one run: the rebuild rate and its ratio to the bare
library's read of the same log, and p50/p95 server time of each list call
through the application methods the API calls.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from bench import read_side, workflow
from events.readside import ReadSide
from workflow.actors import Actor
from workflow.app import open_ledger

ACTORS = {
    "operator": Actor("b-op", "Operator", "operator", "33.20.01.2001"),
    "camat": Actor("b-cam", "Camat", "camat", "33.20.01"),
    "verifier": Actor("b-ver", "Verifier", "verifier", "33.20"),
    "ministry": Actor("b-min", "Ministry", "ministry", None),
    "admin": Actor("b-adm", "Admin", "admin", None),
}
CALLS = [
    ("proposals, operator, all", "operator", "list_proposals", {}),
    (
        "proposals, camat inbox (in_deliberation)",
        "camat",
        "list_proposals",
        {"status": "in_deliberation"},
    ),
    (
        "proposals, camat, none (status=determined, kind=update, other desa)",
        "camat",
        "list_proposals",
        {"status": "withdrawn", "kind": "update", "region": "33.20.01.2002"},
    ),
    (
        "proposals, verifier inbox (endorsed)",
        "verifier",
        "list_proposals",
        {"status": "endorsed"},
    ),
    (
        "proposals, verifier, kind=remove ratified",
        "verifier",
        "list_proposals",
        {"status": "ratified", "kind": "remove"},
    ),
    (
        "proposals, ministry, ratified",
        "ministry",
        "list_proposals",
        {"status": "ratified"},
    ),
    (
        "proposals, ministry, none (region 64.09)",
        "ministry",
        "list_proposals",
        {"region": "64.09"},
    ),
    ("deliberations, camat", "camat", "list_deliberations", {}),
    (
        "deliberations, camat, none (returned)",
        "camat",
        "list_deliberations",
        {"status": "returned"},
    ),
    ("ratifications, verifier", "verifier", "list_ratifications", {}),
    ("determinations, ministry", "ministry", "list_determinations", {}),
    ("users, admin", "admin", "list_users", {}),
    (
        "users, admin, none (role=partner-less: auditor)",
        "admin",
        "list_users",
        {"role": "auditor"},
    ),
]


def latencies(ledger, samples: int) -> dict:
    """p50/p95 milliseconds of each list call's first page."""
    shown = {}
    for label, role, method, query in CALLS:
        call = getattr(ledger, method)
        times, found = [], 0
        for _ in range(samples):
            began = time.perf_counter()
            items, _ = call(ACTORS[role], dict(query))
            times.append((time.perf_counter() - began) * 1000)
            found = len(items)
        times.sort()
        shown[label] = {
            "items": found,
            "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(times[int(len(times) * 0.95) - 1], 2),
        }
    return shown


def main() -> None:
    """Build the store (unless --reuse), rebuild the read models, measure."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--db", default="/tmp/dtks-lists.sqlite3")
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument(
        "--rebuild-only", action="store_true", help="no list latencies afterwards"
    )
    args = parser.parse_args()
    figures: dict = {}
    if not args.reuse:
        figures = read_side.generate(args)
        ledger = open_ledger(f"sqlite:///{args.db}")
        _, seconds = read_side.timed(
            "50,000 proposals", lambda: workflow.generate(ledger)
        )
        figures["proposals_seconds"] = round(seconds, 1)
        ledger.close()
    ledger = open_ledger(f"sqlite:///{args.db}")
    read = ReadSide(ledger, batch=5000, migrate="later")
    figures |= read_side.rebuild_figures(ledger, read)
    if not args.rebuild_only:
        figures["lists"] = latencies(ledger, args.samples)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
