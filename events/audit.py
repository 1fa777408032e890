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
    are read per call, so a sparse filter answers with fewer items and a cursor.
    Only the events of the topic asked for are decoded."""
    items: list[dict] = []
    for _ in range(SCAN // BATCH):
        found, more = _logged(log, scope, after, BATCH)
        for event in found:
            if wanted.topic in (None, event.topic):
                item = _item(ledger, event)
                if wanted.matches(item):
                    items.append(item)
                    if len(items) == limit:
                        return items, event.position
        if not more:
            return items, None
        after = found[-1].position
    return items, after


def audit_page(
    log: Log, ledger: Any, scope: str | None, after: int, limit: int
) -> tuple[list[dict], int | None]:
    """Events after a position; a regional scope sees only the events that
    concerned its region when they happened.

    Returns the items and the position to continue after (None at the end).
    """
    found, more = _logged(log, scope, after, limit)
    items = [_item(ledger, event) for event in found]
    return items, (items[-1]["position"] if more else None)


def _logged(
    log: Log, scope: str | None, after: int, limit: int
) -> tuple[list[LoggedEvent], bool]:
    """Up to `limit` events after `after` within `scope`, and whether more follow."""
    if not scope:
        found = log.read(after, limit + 1)
        return found[:limit], len(found) > limit
    column = LEVEL[scope.count(".") + 1]
    found: list[LoggedEvent] = []
    while len(found) <= limit:  # a position may hold no event (a PostgreSQL gap)
        positions = _positions(log.store, column, scope, after, limit + 1 - len(found))
        if not positions:
            break
        found += log.at(positions)
        after = positions[-1]
    return found[:limit], len(found) > limit


def _positions(store, column: str, scope: str, after: int, count: int) -> list[int]:
    """Up to `count` positions after `after` whose events concerned `scope`,
    from the runs of rm_event_region: the run under way at `after`, if it is the
    scope's, then the scope's runs after it, each up to the next run's start."""
    following = (
        "(SELECT MIN(n.position) FROM rm_event_region n WHERE n.position > r.position)"
    )
    under_way = store.query(
        f"SELECT r.position, {following} FROM rm_event_region r WHERE r.position = "
        "(SELECT MAX(position) FROM rm_event_region WHERE position <= ?) "
        f"AND r.{column} = ?",
        (after, scope),
    )
    runs = under_way + store.query(
        f"SELECT r.position, {following} FROM rm_event_region r "
        f"WHERE r.{column} = ? AND r.position > ? ORDER BY r.position LIMIT ?",
        (scope, after, count),
    )
    if runs and runs[-1][1] is None:  # the last run lasts up to the model's position
        end = store.query("SELECT position FROM rm_model WHERE name = 'audit'")
        runs[-1] = (runs[-1][0], end[0][0] + 1 if end else runs[-1][0])
    positions: list[int] = []
    for start, stop in runs:
        first = max(start, after + 1)
        positions.extend(range(first, min(stop, first + count - len(positions))))
        if len(positions) == count:
            break
    return positions


def _item(ledger: Any, event: LoggedEvent) -> dict:
    data = orjson.loads(event.state)
    if "class_version" in data:  # an older shape: shown as the library reads it
        data = ledger.mapper.transcoder.decode(event.state)
        data["timestamp"] = {"_data_": data["timestamp"].isoformat()}
    at, by = data["timestamp"]["_data_"], data.get("by")
    for key in HIDDEN:  # fewer than the event's fields: cheaper than a copy
        data.pop(key, None)
    return {
        "position": event.position,
        "type": event.topic,
        "aggregate_id": event.stream_id,
        "version": event.version,
        "recorded_at": at,
        "actor": by,
        "data": data,
    }
