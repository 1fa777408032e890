"""Notifications of registry changes, from the event log into the outbox.

Like a projection, the outbox follows the log with a tracking position of its
own (dci_tracking), kept in the same transaction as the notifications it
queues, so a restart neither skips nor repeats a change. It runs behind the
read models, whose rows say where each change happened and what the record
now holds.
"""

from __future__ import annotations

import datetime as dt
import uuid

import orjson

from dci import envelope, records, store
from dci.search import MEMBER_COLUMNS, families, member_row
from dci.subscriptions import active
from workflow.regions import within

NAME = "notify"
# Changes a determination makes to the registry (baseline imports are not news).
TOPICS = {
    "dtks.person.enrolled": ("REGISTER", "Member"),
    "dtks.person.corrected": ("UPDATE", "Member"),
    "dtks.person.removed": ("DELETE", "Member"),
    "dtks.family.registered": ("REGISTER", "Group"),
    "dtks.family.address_corrected": ("UPDATE", "Group"),
    "dtks.family.members_changed": ("UPDATE", "Group"),
    "dtks.family.dissolved": ("DELETE", "Group"),
}
PER_MESSAGE = 100  # changes per notify message


def follow(ledger, read_side, batch: int = 1000) -> int:
    """Queue the notifications of changes recorded since the last call; returns
    how many changes were read."""
    read_side.fresh()
    db = read_side.store
    store.ensure(db)
    position = _position(db)
    target = read_side.projector.position()
    if position >= target:
        return 0
    found = ledger.recorder.select_notifications(
        start=position + 1, limit=batch, stop=target, topics=sorted(TOPICS)
    )
    reached = found[-1].id if len(found) == batch else target
    queued = _fan_out(db, found, active(db))
    return len(found) if _queue(db, position, reached, queued) else 0


def _queue(db, position: int, reached: int, queued: list) -> bool:
    """Queue the messages and move the tracking position from `position` to
    `reached`, in one transaction; False when another deliverer moved it first."""
    with db.transaction() as cur:
        lock = " FOR UPDATE" if db.dialect == "postgres" else ""
        now = cur.execute(
            f"SELECT position FROM dci_tracking WHERE name = ?{lock}", (NAME,)
        )
        if now.fetchone()[0] != position:
            return False
        for stream, uri, body in queued:
            store.enqueue(cur, stream, uri, body)
        cur.execute(
            "UPDATE dci_tracking SET position = ? WHERE name = ?", (reached, NAME)
        )
    return True


def _position(db) -> int:
    with db.transaction() as cur:
        cur.execute(
            "INSERT INTO dci_tracking (name, position) VALUES (?, 0) "
            "ON CONFLICT (name) DO NOTHING",
            (NAME,),
        )
    return db.query("SELECT position FROM dci_tracking WHERE name = ?", (NAME,))[0][0]


def _fan_out(db, notifications, subscriptions) -> list[tuple[str, str, dict]]:
    events: dict[str, list[dict]] = {}
    for notification in notifications:
        kind = TOPICS[notification.topic]
        change = None
        for sub in subscriptions:
            if (sub["event_type"], sub["record_type"]) != kind:
                continue
            if notification.id <= sub["from_position"]:
                continue
            change = change or _change(db, notification, kind)
            if change and within(change["desa"], sub["region"]):
                events.setdefault(sub["code"], []).append(change["event"])
    by_code = {sub["code"]: sub for sub in subscriptions}
    return [
        (f"sub:{code}", by_code[code]["uri"], _message(items[i : i + PER_MESSAGE]))
        for code, items in events.items()
        for i in range(0, len(items), PER_MESSAGE)
    ]


def _change(db, notification, kind) -> dict | None:
    """Where a change happened and its notify_event; None when the read models
    no longer hold the record."""
    event_type, record_type = kind
    data = orjson.loads(notification.state)
    effective = (data.get("change") or {}).get("effective_on") or _today()
    as_of = effective
    if event_type == "DELETE":  # the record as it stood the day before
        as_of = (dt.date.fromisoformat(effective) - dt.timedelta(days=1)).isoformat()
    record, desa = _record(db, record_type, data, as_of)
    if record is None or desa is None:
        return None
    shown = {"reg_event_type": event_type, "reg_record_type": record_type}
    shown |= {"reg_records": record, "effective_on": effective}
    event = {
        "reference_id": str(notification.id),
        "timestamp": store.now_iso(),
        "data": {"version": "1.0.0", "reg_type": "ns:dtks:RegistryType:Social"} | shown,
        "locale": "ind",
    }
    return {"desa": desa, "event": event}


def _today() -> str:
    return dt.date.today().isoformat()


def _record(db, record_type: str, data: dict, as_of: str) -> tuple:
    """The record a change concerns, as of a date, and its desa."""
    if record_type == "Member":
        return _member(db, data["nik"], as_of)
    found = families(db, [data["kk"]], as_of)
    if not found:
        return None, None
    return records.group(found[0]), found[0]["members"][0]["desa"]


def _member(db, nik: str, as_of: str) -> tuple[dict | None, str | None]:
    rows = db.query(
        f"SELECT {MEMBER_COLUMNS} FROM rm_membership m WHERE m.nik = ? "
        "AND m.valid_from <= ? ORDER BY m.valid_from DESC, m.position DESC LIMIT 1",
        (nik, as_of),
    )
    if not rows:
        return None, None
    person = member_row(rows[0])
    return records.member(person), person["desa"]


def _message(events: list[dict]) -> dict:
    header = envelope.reply_header(
        "notify", {}, "succ", total_count=len(events), completed_count=len(events)
    )
    notify = {"transaction_id": str(uuid.uuid4()), "notify_event": events}
    return {"header": header, "message": notify}
