"""Rows of a keyed insert wait while statements about other keys run."""

from __future__ import annotations

import pytest

from events.cursor import keyed
from events.db import ReadStore

PERSON = keyed("INSERT INTO person_row (nik, desa) VALUES (?, ?)", 0)
OTHER = "INSERT INTO person_row (nik, desa) VALUES (?, 'elsewhere')"
CLOSE = "UPDATE person_row SET desa = NULL WHERE nik = ? RETURNING nik"


@pytest.fixture
def cur():
    store = ReadStore({"PERSISTENCE_MODULE": "eventsourcing.sqlite"})
    with store.transaction() as cursor:
        cursor.execute("CREATE TABLE person_row (nik TEXT, desa TEXT)")
        yield cursor
    store.close_all()


def _waiting(cur) -> int:
    return sum(len(rows) for rows in cur.pending.values())


def test_a_statement_about_another_key_leaves_the_rows_waiting(cur):
    cur.insert(PERSON, ("3320010101800001", "33.20.01.2001"))
    cur.insert(PERSON, ("3320010101800002", "33.20.01.2001"))

    closed = cur.execute(CLOSE, ("3320010101800003",), key="3320010101800003")

    assert closed.fetchall() == [] and _waiting(cur) == 2


def test_a_statement_about_a_waiting_key_sees_its_row(cur):
    cur.insert(PERSON, ("3320010101800001", "33.20.01.2001"))
    cur.insert(PERSON, ("3320010101800002", "33.20.01.2001"))

    closed = cur.execute(CLOSE, ("3320010101800002",), key="3320010101800002")

    assert closed.fetchall() == [("3320010101800002",)] and _waiting(cur) == 0


def test_a_row_of_an_undeclared_insert_is_always_sent_first(cur):
    cur.insert(PERSON, ("3320010101800001", "33.20.01.2001"))
    cur.insert(OTHER, ("3320010101800009",))

    cur.execute(CLOSE, ("3320010101800003",), key="3320010101800003")

    assert _waiting(cur) == 0
    count = cur.execute("SELECT COUNT(*) FROM person_row").fetchone()
    assert count == (2,)


def test_a_statement_without_a_key_sends_every_row_first(cur):
    cur.insert(PERSON, ("3320010101800001", "33.20.01.2001"))

    rows = cur.execute("SELECT nik FROM person_row").fetchall()

    assert rows == [("3320010101800001",)]
