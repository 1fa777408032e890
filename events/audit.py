"""The raw event log, in order, for auditors: every event with its actor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson

from events.lists import LEVEL
from events.log import Log, LoggedEvent

# A password hash is recorded so a reset is an event, but shown to no one.
HIDDEN = {"timestamp", "by", "originator_id", "originator_version", "password_hash"}
# A filtered page reads at most this many events; the rest follow the cursor.
SCAN, BATCH = 2000, 200


@dataclass(frozen=True)
class EventFilter:
    """Which events an auditor asked for: a topic, an actor, a range of days."""

    topic: str | None = None
    actor: str | None = None  # a user id, or part of a name
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None  # YYYY-MM-DD, inclusive

    def matches(self, item: dict) -> bool:
        """True when the shown event passes every filter given."""
        day, by = item["recorded_at"][:10], item["actor"] or {}
        named = (
            self.actor is None
            or self.actor == by.get("id")
            or (self.actor.lower() in str(by.get("name", "")).lower())
        )
        return (
            named
            and self.topic in (None, item["type"])
            and (self.since is None or day >= self.since)
            and (self.until is None or day <= self.until)
        )


def audit_search(
    log: Log, ledger: Any, scope: str | None, after: int, limit: int, wanted
) -> tuple[list[dict], int | None]:
    """Events after a position within `scope` that match `wanted`; at most SCAN
    are read per call, so a sparse filter answers with fewer items and a cursor."""
    items: list[dict] = []
    position: int | None = after
    scanned = 0
    while position is not None and scanned < SCAN:
        found, following = audit_page(log, ledger, scope, position, BATCH)
        scanned += BATCH
        for item in found:
            if wanted.matches(item):
                items.append(item)
                if len(items) == limit:
                    return items, item["position"]
        position = following
    return items, position


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
