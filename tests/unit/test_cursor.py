"""The cursor's buffer of inserts and updates by key: what reaches the
database, in what order, and what a read in the same transaction sees."""

from __future__ import annotations

import pytest

from events.cursor import Cursor
from events.db import ReadStore
from events.statements import copy_of as _copy
from events.updates import Added

TABLE = "CREATE TABLE t (id TEXT PRIMARY KEY, status TEXT, n INTEGER, note TEXT)"


class Recording:
    """A raw cursor that notes each statement sent and its number of rows."""

    def __init__(self, raw):
        self.raw, self.sent = raw, []

    def execute(self, statement, params=()):
        self.sent.append((statement, 1))
        return self.raw.execute(statement, params)

    def executemany(self, statement, rows):
        rows = list(rows)
        self.sent.append((statement, len(rows)))
        return self.raw.executemany(statement, rows)

    def fetchall(self):
        return self.raw.fetchall()

    def fetchone(self):
        return self.raw.fetchone()


@pytest.fixture
def cur():
    store = ReadStore({})  # SQLite in memory
    with store.transaction() as plain:
        plain.execute(TABLE)
        plain.execute("CREATE TABLE other (x INTEGER)")
        yield Cursor(store, Recording(plain.raw))
    store.close()


def table(cur) -> list[tuple]:
    return cur.execute("SELECT id, status, n, note FROM t ORDER BY id").fetchall()


def updates(cur) -> list[tuple[str, int]]:
    return [(s, n) for s, n in cur.raw.sent if s.startswith("UPDATE")]


def test_an_update_of_a_waiting_row_changes_its_insert_and_sends_no_update(cur):
    cur.insert_row("t", {"id": "a", "status": "new", "n": 0, "note": None})
    cur.update("t", "id", "a", {"status": "tabled", "n": Added(2)})
    cur.update("t", "id", "a", {"n": Added(3)})
    assert table(cur) == [("a", "tabled", 5, None)]
    assert updates(cur) == []
    inserts = [n for s, n in cur.raw.sent if s.startswith("INSERT")]
    assert inserts == [1]


def test_two_updates_of_one_row_go_as_one_with_the_last_value_of_each_column(cur):
    cur.insert_row("t", {"id": "a", "status": "new", "n": 1, "note": "x"})
    cur.flush()
    cur.update("t", "id", "a", {"status": "tabled", "note": "first"})
    cur.update("t", "id", "a", {"status": "endorsed"})
    cur.update("t", "id", "a", {"n": Added(1)})
    cur.update("t", "id", "a", {"n": Added(1)})
    assert table(cur) == [("a", "endorsed", 3, "first")]
    assert updates(cur) == [
        ("UPDATE t SET n = n + ?, note = ?, status = ? WHERE id = ?", 1)
    ]


def test_a_read_of_the_table_sees_the_updates_and_other_tables_wait(cur):
    cur.insert_row("t", {"id": "a", "status": "new", "n": 0, "note": None})
    cur.insert_row("t", {"id": "b", "status": "new", "n": 0, "note": None})
    cur.flush()
    cur.update("t", "id", "a", {"status": "rejected"})
    cur.update("t", "id", "b", {"n": 0, "status": "verified"})
    cur.execute("SELECT x FROM other").fetchall()
    assert updates(cur) == []  # another table's read does not send them
    assert table(cur) == [("a", "rejected", 0, None), ("b", "verified", 0, None)]
    assert [n for _, n in updates(cur)] == [1, 1]  # two sets of columns


def test_an_update_of_a_row_sent_in_an_earlier_flush_is_applied_after_it(cur):
    cur.insert_row("t", {"id": "a", "status": "new", "n": 7, "note": None})
    cur.execute("SELECT * FROM t").fetchall()  # sends the insert
    cur.update("t", "id", "a", {"status": "ratified", "n": Added(1)})
    cur.insert_row("t", {"id": "b", "status": "new", "n": 0, "note": None})
    cur.update("t", "id", "b", {"status": "withdrawn"})
    cur.flush()
    sent = [s.split()[0] for s, _ in cur.raw.sent[-2:]]
    assert sent == ["INSERT", "UPDATE"]  # the new row first, then the update
    assert table(cur) == [("a", "ratified", 8, None), ("b", "withdrawn", 0, None)]


def test_a_column_the_insert_did_not_name_is_set_after_it_in_order(cur):
    cur.insert_row("t", {"id": "a", "status": "new"})
    cur.update("t", "id", "a", {"status": "tabled", "note": "first", "n": Added(4)})
    cur.update("t", "id", "a", {"status": "endorsed", "note": "second"})
    cur.update("t", "id", "a", {"n": Added(1)})
    assert table(cur) == [("a", "endorsed", None, "second")]  # NULL + 5 is NULL
    assert updates(cur) == [("UPDATE t SET n = n + ?, note = ? WHERE id = ?", 1)]


def test_rows_of_another_table_are_not_changed_by_an_update_of_the_same_key(cur):
    cur.execute("CREATE TABLE u (id TEXT PRIMARY KEY, status TEXT)")
    cur.insert_row("t", {"id": "a", "status": "new", "n": 0, "note": None})
    cur.insert_row("u", {"id": "a", "status": "new"})
    cur.update("u", "id", "a", {"status": "open"})
    assert table(cur) == [("a", "new", 0, None)]
    assert cur.execute("SELECT * FROM u").fetchall() == [("a", "open")]


def test_only_a_plain_insert_of_placeholders_and_nulls_goes_by_copy():
    assert _copy("INSERT INTO t (id, n) VALUES (?, ?)") == (
        "COPY t (id, n) FROM STDIN",
        (),
    )
    assert _copy("INSERT INTO t VALUES (NULL, ?, NULL)") == (
        "COPY t FROM STDIN",
        (0, 2),
    )
    assert _copy("INSERT INTO t (id, n) VALUES (?, 'x')") is None
    upsert = "INSERT INTO t (id) VALUES (?) ON CONFLICT (id) DO NOTHING"
    assert _copy(upsert) is None
