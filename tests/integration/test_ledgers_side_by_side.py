"""Two ledgers in one PostgreSQL database (two schemas) never wait for each other.

A training copy beside production, or a kabupaten per schema: a rebuild of one
ledger's read models holds their lock for minutes, and the other ledger's
readers must not queue behind it (they did while the lock was one key for the
whole database: tests answered 503 while a benchmark rebuilt beside them).
"""

from __future__ import annotations

import threading

from events.db import ledger_lock
from events.readside import open_service
from tests.conftest import fresh_schema
from tests.support import make_actors
from workflow.ports import Page

WAIT = 5.0  # seconds; a read that waits for the other ledger's rebuild takes longer


def test_a_rebuild_in_one_schema_does_not_hold_up_reads_in_another(postgres_url):
    with fresh_schema() as other_url:
        busy, quiet = open_service(postgres_url), open_service(other_url)
        try:
            actors = make_actors(quiet)  # events the quiet ledger's reads apply
            answers: list = []

            def read() -> None:
                try:
                    answers.append(quiet.index.users(None, Page(after=0, limit=100)))
                except Exception as error:  # reported below
                    answers.append(error)

            with busy.index.store.transaction() as cur:
                cur.execute(ledger_lock("read"))  # as a rebuild holds it
                reader = threading.Thread(target=read)
                reader.start()
                reader.join(WAIT)
                finished_while_held = not reader.is_alive()
            reader.join()
            assert finished_while_held, "the read waited for the other schema"
            users, _cursor = answers[0]
            assert {u["role"] for u in users} >= {a.role for a in actors.values()}
        finally:
            busy.close()
            quiet.close()
