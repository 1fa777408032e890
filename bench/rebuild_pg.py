"""Rebuild rate on PostgreSQL, against the bare library's read of the same log.

    python -m bench.rebuild_pg --sqlite /tmp/dtks-lists.sqlite3

Copies the log of a SQLite bench store (bench.lists or bench.read_side) into a
new schema of the local PostgreSQL, then, in one run: rebuilds every read model
and reads the whole log through the library. The schema is dropped at the end.
"""

from __future__ import annotations

import argparse
import json
import uuid

import psycopg
from eventsourcing.persistence import StoredEvent

from bench.read_side import rebuild_figures, timed
from events.readside import ReadSide
from workflow.app import open_ledger

SERVER = "postgresql://postgres@127.0.0.1:5432/test"


def copy_log(source, target, page: int = 20_000) -> int:
    """Append every event of `source` to the empty `target`, in order."""
    position, copied = 0, 0
    while found := source.recorder.select_notifications(start=position + 1, limit=page):
        target.recorder.insert_events(
            [
                StoredEvent(n.originator_id, n.originator_version, n.topic, n.state)
                for n in found
            ]
        )
        copied, position = copied + len(found), found[-1].id
    return copied


def main() -> None:
    """Copy, rebuild, read bare, print, drop."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--sqlite", default="/tmp/dtks-lists.sqlite3")
    parser.add_argument("--server", default=SERVER)
    args = parser.parse_args()
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(args.server, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        target = open_ledger(f"{args.server}?schema={schema}")
        source = open_ledger(f"sqlite:///{args.sqlite}")
        copied, _ = timed("copy the log", lambda: copy_log(source, target))
        read = ReadSide(target, batch=5000, migrate="later")
        figures = {"store": "postgresql", "copied": copied}
        figures |= rebuild_figures(target, read)
        print(json.dumps(figures, indent=2))
    finally:
        with psycopg.connect(args.server, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


if __name__ == "__main__":
    main()
