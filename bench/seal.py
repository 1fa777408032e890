"""Seal benchmark: what tamper evidence adds to recording events, and what it costs.

    python -m bench.seal --events 200000 --dir /tmp/dtks-seal-bench

Records `--events` synthetic events (600-byte states) straight through the
event store, then in the same run: seals them from scratch (the one-off cost
of turning sealing on for an existing log), answers inclusion and consistency
proofs at random, and runs the full `dtks audit verify`, beside the floor of
merely reading and hashing the same log.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import time
import uuid
from pathlib import Path

from eventsourcing.persistence import StoredEvent

from events.db import ReadStore
from events.integrity.proofs import consistency, inclusion
from events.integrity.seal import seal
from events.integrity.verify import PAGE, verify
from workflow.app import open_ledger


def record(ledger, events: int) -> float:
    """Record synthetic events in batches of 5000; returns the seconds taken."""
    started, state = time.perf_counter(), json.dumps({"pad": "x" * 580}).encode()
    for start in range(0, events, 5000):
        ledger.recorder.insert_events(
            [
                StoredEvent(uuid.uuid4(), 1, "dtks.bench.recorded", state)
                for _ in range(min(5000, events - start))
            ]
        )
    return time.perf_counter() - started


def read_and_hash(ledger) -> float:
    """The floor of verification: read every event and hash it once."""
    started, position = time.perf_counter(), 0
    while page := ledger.recorder.select_notifications(start=position + 1, limit=PAGE):
        for n in page:
            hashlib.sha256(n.state).digest()
        position = page[-1].id
    return time.perf_counter() - started


def p50_ms(call, samples: int = 200) -> float:
    """Median milliseconds of `call()`."""
    times = []
    for _ in range(samples):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def measure(ledger, store, n: int) -> dict:
    """Every figure of one run on a store holding `n` recorded events."""
    started = time.perf_counter()
    seal(ledger, store)
    sealed = time.perf_counter() - started
    rng = random.Random(7)
    proof = p50_ms(lambda: inclusion(ledger, store, rng.randint(1, n), None))
    grew = p50_ms(lambda: consistency(ledger, store, rng.randint(1, n), None))
    started = time.perf_counter()
    assert verify(ledger, store, None).ok
    verified = time.perf_counter() - started
    return {
        "seal_events_per_s": round(n / sealed),
        "seal_seconds": sealed,
        "inclusion_proof_p50_ms": round(proof, 2),
        "consistency_proof_p50_ms": round(grew, 2),
        "verify_events_per_s": round(n / verified),
        "verify_seconds": verified,
    }


def main() -> None:
    """Run the benchmark and print one JSON object of figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/dtks-seal-bench"))
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    path = args.dir / f"seal-{os.getpid()}.sqlite3"
    ledger = open_ledger(f"sqlite:///{path}")
    recorded = record(ledger, args.events)
    figures = measure(ledger, ReadStore(ledger.env), args.events)
    figures["record_events_per_s"] = round(args.events / recorded)
    figures["seal_over_record"] = round(figures.pop("seal_seconds") / recorded, 2)
    floor = read_and_hash(ledger)
    ratio = figures.pop("verify_seconds") / floor
    figures["verify_over_read_and_hash"] = round(ratio, 2)
    print(json.dumps({"events": args.events, **figures}, indent=2))
    for leftover in args.dir.glob(f"{path.name}*"):
        leftover.unlink()


if __name__ == "__main__":
    main()
