"""The raw event log, in order, for auditors: every event with its actor."""

from __future__ import annotations

from typing import Any

import orjson

from events.lists import LEVEL
from events.log import Log, LoggedEvent

# A password hash is recorded so a reset is an event, but shown to no one.
HIDDEN = {"timestamp", "by", "originator_id", "originator_version", "password_hash"}


def audit_page(
    log: Log, ledger: Any, scope: str | None, after: int, limit: int
) -> tuple[list[dict], int | None]:
    """Events after a position; a regional scope sees only the events that
    concerned its region when they happened.

    Returns the items and the position to continue after (None at the end).
    """
    if scope:
        column = LEVEL[scope.count(".") + 1]
        rows = log.store.query(
            f"SELECT position FROM rm_event_region WHERE {column} = ? "
            "AND position > ? ORDER BY position LIMIT ?",
            (scope, after, limit + 1),
        )
        found = log.at([row[0] for row in rows[:limit]])
        more = len(rows) > limit
    else:
        found = log.read(after, limit + 1)
        more = len(found) > limit
        found = found[:limit]
    items = [_item(ledger, event) for event in found]
    return items, (items[-1]["position"] if more else None)


def _item(ledger: Any, event: LoggedEvent) -> dict:
    data = orjson.loads(event.state)
    if "class_version" in data:  # an older shape: shown as the library reads it
        data = ledger.mapper.transcoder.decode(event.state)
        data["timestamp"] = {"_data_": data["timestamp"].isoformat()}
    return {
        "position": event.position,
        "type": event.topic,
        "aggregate_id": event.stream_id,
        "version": event.version,
        "recorded_at": data["timestamp"]["_data_"],
        "actor": data.get("by"),
        "data": {k: v for k, v in data.items() if k not in HIDDEN},
    }
