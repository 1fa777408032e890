"""Raw SQL on the event store, as someone with database access would tamper."""

from __future__ import annotations

import sqlite3
from urllib.parse import parse_qs, urlparse

import psycopg

from tests.conftest import POSTGRES_URL


class EventTable:
    """The stored_events table of a store, edited behind the application's back."""

    def __init__(self, url: str, table: str):
        self.table = table  # `ledger.recorder.events_table_name`
        if url.startswith("sqlite"):
            self.conn = sqlite3.connect(url[len("sqlite:///") :], isolation_level=None)
            self.id, self.mark = "rowid", "?"
        else:
            schema = parse_qs(urlparse(url).query)["schema"][0]
            self.conn = psycopg.connect(POSTGRES_URL, autocommit=True)
            self.conn.execute(f'SET search_path TO "{schema}"')
            self.id, self.mark = "notification_id", "%s"

    def run(self, statement: str, *params) -> list:
        """Run one statement (`?` placeholders), returning any rows."""
        cursor = self.conn.execute(
            statement.replace("?", self.mark)
            .replace("ID", self.id)
            .replace("stored_events", self.table),
            params,
        )
        return cursor.fetchall() if cursor.description else []

    def positions(self) -> list[int]:
        """Every position, in order."""
        return [row[0] for row in self.run("SELECT ID FROM stored_events ORDER BY ID")]

    def edit(self, position: int) -> None:
        """Change one byte of an event's state (a name, a date, a NIK digit)."""
        state = bytes(
            self.run("SELECT state FROM stored_events WHERE ID = ?", position)[0][0]
        )
        changed = state.replace(b'"', b"'", 1)
        assert changed != state
        self.run("UPDATE stored_events SET state = ? WHERE ID = ?", changed, position)

    def delete(self, *positions: int) -> None:
        """Remove events."""
        for position in positions:
            self.run("DELETE FROM stored_events WHERE ID = ?", position)

    def swap(self, first: int, second: int) -> None:
        """Exchange the places of two events."""
        self.run("UPDATE stored_events SET ID = -1 WHERE ID = ?", first)
        self.run("UPDATE stored_events SET ID = ? WHERE ID = ?", first, second)
        self.run("UPDATE stored_events SET ID = ? WHERE ID = -1", second)

    def close(self) -> None:
        """Let go of the connection."""
        self.conn.close()
