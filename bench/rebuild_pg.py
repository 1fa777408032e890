"""Rebuild rate on PostgreSQL, against the bare library's read of the same log.

    python -m bench.rebuild_pg --people 200000

Builds, in a new schema of the local PostgreSQL, a baseline of Kabupaten Jepara
(bench.population) and 50,000 proposals over every status (bench.workflow),
then, in one run: rebuilds every read model and reads the whole log through
the library. The schema is dropped at the end.
"""

from __future__ import annotations

import argparse
import json
import uuid

import psycopg

from bench import population, workflow
from bench.read_side import rebuild_figures, timed
from events.readside import ReadSide
from workflow.actors import command_line_actor
from workflow.app import open_ledger

SERVER = "postgresql://postgres@127.0.0.1:5432/test"


def main() -> None:
    """Copy, rebuild, read bare, print, drop."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--server", default=SERVER)
    args = parser.parse_args()
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(args.server, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        ledger = open_ledger(f"{args.server}?schema={schema}")
        source = {"name": "bench", "sha256": "", "effective_on": "2025-07-01"}
        outcome, _ = timed(
            "baseline import",
            lambda: ledger.import_baseline(
                command_line_actor(),
                population.families(args.people),
                {**source, "decree": "SK baseline"},
            ),
        )
        timed("50,000 proposals", lambda: workflow.generate(ledger))
        read = ReadSide(ledger, batch=5000, migrate="later")
        figures = {"store": "postgresql", "people": outcome.people}
        figures |= rebuild_figures(ledger, read)
        print(json.dumps(figures, indent=2))
    finally:
        with psycopg.connect(args.server, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


if __name__ == "__main__":
    main()
