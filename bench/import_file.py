"""Import benchmark: `dtks import` of a generated baseline file vs raw executemany.

    python -m bench.import_file --people 1000000 --dir /tmp/dtks-import-bench

Writes a CSV of about `--people` rows for Kabupaten Jepara, imports it the way
`dtks import` does (read, validate, record events, bring the read models up to
date), and in the same run inserts the same rows with plain
`sqlite3.executemany` into one table: the physical limit of the disk and SQLite.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sqlite3
import time
from pathlib import Path

from bench.population import families
from dtks.baseline_file import HEADER_ORDER, read_families, sha256_of
from dtks.import_cli import load_baseline
from workflow.app import open_ledger


def write_file(path: Path, people: int) -> int:
    """Write the baseline CSV; returns its number of rows."""
    rows = 0
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER_ORDER)
        for family in families(people):
            for member in family.members:
                writer.writerow(
                    [
                        family.kk,
                        family.desa,
                        family.address,
                        *(member.get(c, "") for c in HEADER_ORDER[3:]),
                    ]
                )
                rows += 1
    return rows


def ours(path: Path, db: Path) -> float:
    """Seconds for the whole `dtks import` path, projections included."""
    ledger = open_ledger(f"sqlite:///{db}")
    started = time.perf_counter()
    found, _orphans = read_families(path)
    source = {
        "name": path.name,
        "sha256": sha256_of(path),
        "effective_on": "2025-07-01",
        "decree": "bench",
    }
    load_baseline(ledger, found, source)
    return time.perf_counter() - started


def raw(path: Path, db: Path) -> float:
    """Seconds for plain executemany of the same rows into one table."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"CREATE TABLE people ({', '.join(HEADER_ORDER)})")
    started = time.perf_counter()
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        conn.executemany(f"INSERT INTO people VALUES ({', '.join('?' * 10)})", reader)
    conn.commit()
    return time.perf_counter() - started


def main() -> None:
    """Generate, import both ways, report."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--dir", default="/tmp/dtks-import-bench")
    args = parser.parse_args()
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.sqlite3*"):
        old.unlink()
    path = folder / "baseline.csv"
    rows = write_file(path, args.people)
    # Each timing starts with nothing left to write: the file just generated
    # (or the import just done) would otherwise reach the disk during it.
    os.sync()
    our_s = ours(path, folder / "ours.sqlite3")
    os.sync()
    raw_s = raw(path, folder / "raw.sqlite3")
    print(
        json.dumps(
            {
                "rows": rows,
                "import_seconds": round(our_s, 1),
                "import_rows_per_s": round(rows / our_s),
                "raw_executemany_seconds": round(raw_s, 2),
                "raw_executemany_rows_per_s": round(rows / raw_s),
                "ours_vs_raw_executemany": round(raw_s / our_s, 4),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
