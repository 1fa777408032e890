"""Read-side benchmark: rebuild rate and 'one desa on a past date' latency.

    python -m bench.read_side --people 1000000 --db /tmp/bench.sqlite3

Builds a Kabupaten Jepara of about 1,000,000 people (285,000 families) through
the baseline import, then 12 monthly determinations of about 2% churn
(removals, newborns, corrections), then measures on the same machine in one run:
the rebuild rate against the bare library's read rate, and p50/p95 of the
registry of one desa as of a random past date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import time
from pathlib import Path

from bench.churn import apply_churn
from bench.population import desa_codes, families
from events.bulk.importer import import_baseline
from events.readside import ReadSide
from workflow.actors import command_line_actor
from workflow.app import open_ledger


def timed(label: str, work):
    """Run `work`, print and return (result, seconds)."""
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    print(f"{label}: {seconds:.1f} s", flush=True)
    return result, seconds


def bare_library_rate(ledger) -> float:
    """Events/s of reading the whole log through the library, decoding each."""
    started, position, count = time.perf_counter(), 0, 0
    while batch := ledger.recorder.select_notifications(start=position + 1, limit=5000):
        for notification in batch:
            ledger.mapper.to_domain_event(notification)
        count, position = count + len(batch), batch[-1].id
    return count / (time.perf_counter() - started)


def as_of_latencies(
    read: ReadSide, samples: int, limit: int = 100_000, seed: int = 11
) -> list[float]:
    """Milliseconds to read the families of one desa on a random past date."""
    rng, codes, registry = random.Random(seed), desa_codes(), read.registry
    start = dt.date(2025, 7, 1)
    times = []
    for _ in range(samples):
        desa = rng.choice(codes)
        day = (start + dt.timedelta(days=rng.randint(0, 364))).isoformat()
        began = time.perf_counter()
        registry.families(desa, day, "", limit)
        times.append((time.perf_counter() - began) * 1000)
    return times


def generate(args) -> dict:
    """Write a new history into --db; returns what was generated and how long."""
    for suffix in ("", "-wal", "-shm"):
        Path(args.db + suffix).unlink(missing_ok=True)
    ledger = open_ledger(f"sqlite:///{args.db}")
    source = {
        "name": "bench",
        "sha256": "bench",
        "effective_on": "2025-07-01",
        "decree": "SK baseline",
    }
    outcome, import_s = timed(
        "baseline import",
        lambda: import_baseline(
            ledger, command_line_actor(), families(args.people), source
        ),
    )
    churn, churn_s = timed("12 months of churn", lambda: apply_churn(ledger))
    ledger.close()
    return {
        "people": outcome.people,
        "families": outcome.families,
        "churn_changes": churn,
        "import_seconds": round(import_s, 1),
        "churn_seconds": round(churn_s, 1),
    }


def rebuild_figures(ledger, read: ReadSide) -> dict:
    """Rebuild every read model; its rate and its ratio to the bare library read."""
    events = ledger.recorder.max_notification_id()
    _, rebuild_s = timed("rebuild", read.projector.rebuild)
    bare, _ = timed("bare library read", lambda: bare_library_rate(ledger))
    return {
        "events": events,
        "rebuild_seconds": round(rebuild_s, 1),
        "rebuild_events_per_s": round(events / rebuild_s),
        "bare_library_read_events_per_s": round(bare),
        "rebuild_vs_bare_library": round(events / rebuild_s / bare, 2),
    }


def main() -> None:
    """Build the history (unless --reuse), then measure."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--db", default="/tmp/dtks-bench.sqlite3")
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure an existing --db without generating it again",
    )
    args = parser.parse_args()
    figures = {} if args.reuse else generate(args)
    ledger = open_ledger(f"sqlite:///{args.db}")
    read = ReadSide(ledger, batch=5000, migrate="later")
    figures |= rebuild_figures(ledger, read)
    latencies = sorted(as_of_latencies(read, args.samples))
    pages = sorted(as_of_latencies(read, args.samples, limit=50))
    figures |= {
        "desa_as_of_p50_ms": round(statistics.median(latencies), 1),
        "desa_as_of_p95_ms": round(latencies[int(len(latencies) * 0.95) - 1], 1),
        "desa_page_of_50_p50_ms": round(statistics.median(pages), 1),
        "desa_page_of_50_p95_ms": round(pages[int(len(pages) * 0.95) - 1], 1),
        "samples": len(latencies),
    }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
