"""Backup and restore of the whole event log as JSON lines.

The first line is a header; each further line is one stored event, in log
order, with its state as the exact JSON text the store holds; the last line
counts the events, so a file cut short is recognised. A restore checks the
whole file before it writes anything, and only into an empty store.
Positions are numbered afresh (1, 2, 3, ...): the order is kept exactly, but
gaps that PostgreSQL sequences leave after failed writes are not.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from typing import IO, Any

from eventsourcing.persistence import StoredEvent

FORMAT = {"format": "dtks-events", "version": 1}
PAGE = 5000


class RestoreError(ValueError):
    """The file cannot be restored, or the store is not empty."""


def export_events(
    ledger: Any,
    out: IO[str],
    progress: Callable[[int], None] = lambda n: None,
    closing: Callable[[int], dict] = lambda n: {},
) -> int:
    """Write every event of the log to `out`, in order; returns how many.

    `closing(count)` adds to the last line (the signed checkpoint of the events).
    """
    out.write(json.dumps(FORMAT) + "\n")
    position, written = 0, 0
    while page := ledger.recorder.select_notifications(start=position + 1, limit=PAGE):
        for n in page:
            out.write(json.dumps(line_of(n)) + "\n")
        written, position = written + len(page), page[-1].id
        progress(len(page))
    out.write(json.dumps({"end": True, "events": written, **closing(written)}) + "\n")
    return written


def line_of(n: Any) -> dict:
    """One stored event as a backup line holds it: the exact bytes of its state."""
    return {
        "position": n.id,
        "originator_id": str(n.originator_id),
        "originator_version": n.originator_version,
        "topic": n.topic,
        "state": n.state.decode("utf-8"),
    }


def check_file(
    lines: Iterator[str], seen: Callable[[StoredEvent], None] = lambda e: None
) -> dict:
    """Validate a backup without writing anything; returns its closing line.

    `seen` is shown each event in turn (to hash it against the checkpoint).
    """
    header = _parse(next(lines, ""), 1)
    if {k: header.get(k) for k in FORMAT} != FORMAT:
        raise RestoreError("line 1: not a dtks-events backup (no header)")
    count, last, trailer = 0, 0, None
    for number, line in enumerate(lines, start=2):
        record = _parse(line, number)
        if trailer is not None:
            raise RestoreError(f"line {number}: lines after the end of the backup")
        if record.get("end") is True:
            trailer = record
            continue
        position, event = _event(record, number)
        seen(event)
        if position <= last:
            raise RestoreError(f"line {number}: events are out of order")
        count, last = count + 1, position
    if trailer is None or trailer.get("events") != count:
        raise RestoreError(
            f"the file ends after {count} events without its closing line: "
            "it was cut short"
        )
    return trailer


def import_events(
    ledger: Any, lines: Iterator[str], progress: Callable[[int], None] = lambda n: None
) -> int:
    """Append a checked backup to an empty store, in order; returns how many."""
    if ledger.recorder.max_notification_id():
        raise RestoreError(
            "the store already holds events; restore only into an empty database"
        )
    next(lines)  # the header, already checked
    batch: list[StoredEvent] = []
    written = 0
    for number, line in enumerate(lines, start=2):
        record = _parse(line, number)
        if record.get("end") is True:
            break
        batch.append(_event(record, number)[1])
        if len(batch) == PAGE:
            ledger.recorder.insert_events(batch)
            written, batch = written + len(batch), []
            progress(PAGE)
    if batch:
        ledger.recorder.insert_events(batch)
        written += len(batch)
        progress(len(batch))
    return written


def _parse(line: str, number: int) -> dict:
    try:
        record = json.loads(line)
    except ValueError:
        raise RestoreError(f"line {number}: not valid JSON") from None
    if not isinstance(record, dict):
        raise RestoreError(f"line {number}: not a JSON object")
    return record


def _event(record: dict, number: int) -> tuple[int, StoredEvent]:
    try:
        return record["position"], StoredEvent(
            originator_id=uuid.UUID(record["originator_id"]),
            originator_version=int(record["originator_version"]),
            topic=str(record["topic"]),
            state=record["state"].encode("utf-8"),
        )
    except (KeyError, ValueError, AttributeError, TypeError):
        raise RestoreError(f"line {number}: not a stored event") from None
