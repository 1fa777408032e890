"""The raw event log, in order, for auditors: every event with its actor."""

from __future__ import annotations

from typing import Any

from events.db import ReadStore
from workflow.regions import within

HIDDEN = {"timestamp", "by", "originator_id", "originator_version"}
SCAN = 1000


def audit_page(
    ledger: Any, store: ReadStore, scope: str | None, after: int, limit: int
) -> tuple[list[dict], int | None]:
    """Events after a position; a regional scope sees only its own region's events.

    Returns the items and the position to continue after (None at the end).
    """
    items: list[dict] = []
    position = after
    while len(items) < limit:
        found = ledger.recorder.select_notifications(start=position + 1, limit=SCAN)
        if not found:
            return items, None
        regions = _regions(store, found) if scope else {}
        for notification in found:
            position = notification.id
            region = regions.get(str(notification.originator_id))
            if scope and not (region and within(region, scope)):
                continue
            items.append(_item(ledger, notification))
            if len(items) == limit:
                break
        if len(found) < SCAN and position == found[-1].id:
            return items, None
    return items, position


def _regions(store: ReadStore, found: list) -> dict[str, str | None]:
    ids = sorted({str(n.originator_id) for n in found})
    regions: dict[str, str | None] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        regions.update(
            store.query(
                f"SELECT stream_id, region FROM rm_stream_region WHERE stream_id IN "
                f"({marks})",
                chunk,
            )
        )
    return regions


def _item(ledger: Any, notification: Any) -> dict:
    data = ledger.mapper.transcoder.decode(notification.state)
    return {
        "position": notification.id,
        "type": notification.topic,
        "aggregate_id": str(notification.originator_id),
        "version": notification.originator_version,
        "recorded_at": data["timestamp"].isoformat(),
        "actor": data.get("by"),
        "data": {k: v for k, v in data.items() if k not in HIDDEN},
    }
