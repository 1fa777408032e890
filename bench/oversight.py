"""Oversight benchmark: activity and series of the whole kabupaten over 12 months.

    python -m bench.oversight --db /tmp/dtks-oversight.sqlite3           # a copy
    python -m bench.oversight --build --people 100000 --db /tmp/o.sqlite3

The store is one built by bench.lists (Kabupaten Jepara: baseline, 12 months of
churn, 50,000 proposals); work on a copy, since opening it with this release
rebuilds the registry model (its tally is new) and builds the activity model.
Reports the time of that migration, the rows of the two tables the figures
read, and p50/p95 server time of each answer through the application methods
the API calls.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from bench import read_side, workflow
from events.activity import CHANGED_ON, COUNT, lineage
from events.readside import ReadSide
from workflow.actors import Actor
from workflow.app import open_ledger
from workflow.oversight import FIGURES, months_between

VERIFIER = Actor("b-ver", "Verifier", "verifier", "33.20")
CAMAT = Actor("b-cam", "Camat", "camat", "33.20.01")
YEAR = {"from": "2025-07", "to": "2026-06"}  # the months of the churn
CALLS = [
    ("series, kabupaten, 12 months", VERIFIER, "registry_series", YEAR),
    ("activity, kabupaten, 12 months", VERIFIER, "region_activity", YEAR),
    ("activity, kecamatan, 12 months", CAMAT, "region_activity", YEAR),
]


def latencies(ledger, samples: int) -> dict:
    """p50/p95 milliseconds of each answer."""
    stats = ledger.index.registry.stats
    calls = [
        (label, lambda m=method, a=actor, q=query: getattr(ledger, m)(a, dict(q)))
        for label, actor, method, query in CALLS
    ]
    calls.append(("registry stats, kabupaten", lambda: stats("33.20", "2026-06-30")))
    shown = {}
    for label, call in calls:
        times = []
        for _ in range(samples):
            began = time.perf_counter()
            call()
            times.append((time.perf_counter() - began) * 1000)
        times.sort()
        shown[label] = {
            "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(times[int(len(times) * 0.95) - 1], 2),
        }
    return shown


REASONS = ("deceased", "moved", "duplicate", "ineligible", "not_found")
MEASURES = [
    *(f"{figure}:{kind}" for figure in FIGURES for kind in ("add", "update")),
    *(f"{figure}:remove:{reason}" for figure in FIGURES for reason in REASONS),
    "musdes",
]


def densify(read: ReadSide) -> int:
    """The worst case of a year: every desa counted on every measure each month,
    and changed on every day, so the figures bound what a busier kabupaten costs."""
    desa = [row[0] for row in read.store.query("SELECT DISTINCT desa FROM rm_tally")]
    months = months_between(YEAR["from"], YEAR["to"])
    days = [f"{month}-{day:02d}" for month in months for day in range(1, 29)]
    counted, changed = set(), set()
    for code in desa:
        for region, parent in lineage(code):
            counted.update((region, parent, m, x) for m in months for x in MEASURES)
            changed.update((region, parent, day) for day in days)
    with read.store.transaction() as cur:
        cur.executemany(COUNT, sorted((*key, 1) for key in counted))
        cur.executemany(CHANGED_ON, sorted(changed))
    return len(counted) + len(changed)


OLD_STATS = (
    "SELECT COUNT(DISTINCT kk), COUNT(*) FROM rm_membership WHERE kabkota = ? "
    "AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)"
)


def stats_before_after(read: ReadSide) -> dict:
    """The kabupaten's stats by the count over every membership row (before the
    tally) and by the tally, on several days: milliseconds, and the same answer."""
    shown = {}
    for day in ("2025-07-01", "2025-12-31", "2026-06-30", "2026-12-31"):
        began = time.perf_counter()
        old = tuple(read.store.query(OLD_STATS, ["33.20", day, day])[0])
        middle = time.perf_counter()
        new = read.registry.stats("33.20", day)
        ended = time.perf_counter()
        assert old == (new["families"], new["people"]), (day, old, new)
        shown[day] = {
            "families_people": old,
            "old_ms": round((middle - began) * 1000, 1),
            "new_ms": round((ended - middle) * 1000, 2),
        }
    return shown


def main() -> None:
    """Build the store if asked, migrate its read models, measure."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--db", default="/tmp/dtks-oversight.sqlite3")
    parser.add_argument("--samples", type=int, default=100)
    parser.add_argument("--build", action="store_true")
    parser.add_argument("--dense", action="store_true", help="see densify()")
    parser.add_argument("--compare-stats", action="store_true")
    args = parser.parse_args()
    figures: dict = {}
    if args.build:
        figures = read_side.generate(args)
        ledger = open_ledger(f"sqlite:///{args.db}")
        figures["proposals"] = workflow.generate(ledger)
        ledger.close()
    ledger = open_ledger(f"sqlite:///{args.db}")
    read = ReadSide(ledger, batch=5000, migrate="later")
    _, seconds = read_side.timed("migrate", read.projector.migrate)
    figures["migrate_seconds"] = round(seconds, 1)
    figures["events"] = read.projector.head()
    if args.dense:
        figures["dense_rows_added"] = densify(read)
    for table in ("rm_tally", "rm_activity", "rm_changed_on", "rm_membership"):
        figures[f"{table}_rows"] = read.store.query(f"SELECT COUNT(*) FROM {table}")[0][
            0
        ]
    if args.compare_stats:
        figures["stats_before_after"] = stats_before_after(read)
    figures["answers"] = latencies(ledger, args.samples)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
