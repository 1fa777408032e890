"""The cursor's buffer against each database: rows sent many at a time (by
COPY on PostgreSQL) and updated by key read back as they were written."""

from __future__ import annotations

import pytest

from events.cursor import COPY_ROWS
from events.db import ReadStore
from events.updates import Added
from workflow.app import open_ledger

AWKWARD = ["tab\there", "line\nbreak", "back\\slash", "\\N", "", "kutip 'x' \"y\"", "é"]


@pytest.fixture
def store(store_url):
    ledger = open_ledger(store_url)
    store = ReadStore(ledger.env)
    with store.transaction() as cur:
        cur.execute("CREATE TABLE buffered (id TEXT PRIMARY KEY, note TEXT, n BIGINT)")
    yield store
    store.close_all()
    ledger.close()


@pytest.mark.parametrize("count", [3, 20 * COPY_ROWS])  # each statement by COPY
def test_rows_sent_many_at_a_time_read_back_as_written(store, count):
    written = [
        (f"r{i:04d}", AWKWARD[i % len(AWKWARD)] if i % 9 else None, i * 10**10)
        for i in range(count)
    ]
    with store.transaction() as cur:
        for row_id, note, n in written[: count // 2]:
            if note is None:  # a NULL of the statement's own, as rm_family's
                cur.insert("INSERT INTO buffered VALUES (?, NULL, ?)", (row_id, n))
            else:
                cur.insert("INSERT INTO buffered VALUES (?, ?, ?)", (row_id, note, n))
        for row_id, note, n in written[count // 2 :]:
            cur.insert_row("buffered", {"id": row_id, "note": note, "n": n})
        cur.update("buffered", "id", "r0000", {"note": "sent, then changed"})
        cur.update("buffered", "id", written[-1][0], {"n": Added(5)})
    expected = [
        ("r0000", "sent, then changed", 0),
        *written[1:-1],
        (*written[-1][:2], written[-1][2] + 5),
    ]
    assert store.query("SELECT id, note, n FROM buffered ORDER BY id") == expected
