"""Subscriptions: which registry changes a partner hears of, and where."""

from __future__ import annotations

import json
import uuid
from typing import Any

from dci.store import now_iso
from dci.values import ItemRejected
from workflow.regions import region_problem, within

EVENT_TYPES = ("REGISTER", "UPDATE", "DELETE")
RECORD_TYPES = ("Group", "Member")


def read(request: dict, reject, scope: str | None) -> dict:
    """One subscribe request as a subscription to record, or ItemRejected."""
    if reject:
        code = reject[0].replace("search_criteria", "notify_details")
        raise ItemRejected(code, reject[1])
    criteria = request["subscribe_criteria"]
    event_type, record_type = criteria["reg_event_type"], criteria["notify_record_type"]
    if event_type not in EVENT_TYPES:
        raise ItemRejected(
            "rjct.notify_types.invalid", f"reg_event_type is one of {EVENT_TYPES}"
        )
    if record_type not in RECORD_TYPES:
        raise ItemRejected(
            "rjct.notify_details.invalid",
            f"notify_record_type is one of {RECORD_TYPES}",
        )
    region = _region(criteria.get("filter"), scope)
    return {
        "code": str(uuid.uuid4()),
        "event_type": event_type,
        "record_type": record_type,
        "region": region,
        "criteria": criteria,
    }


def _region(filter_: Any, scope: str | None) -> str | None:
    """The region a filter names (location eq CODE), inside the partner's scope."""
    expressions = filter_ if isinstance(filter_, list) else []
    codes = [
        e["expression1"].get("attribute_value")
        for e in expressions
        if isinstance(e, dict)
        and isinstance(e.get("expression1"), dict)
        and e["expression1"].get("attribute_name") == "location"
    ]
    if len(codes) != len(expressions) or len(codes) > 1:
        raise ItemRejected(
            "rjct.notify_details.invalid",
            "filter is a predicate list with at most one 'location eq CODE'",
        )
    if not codes:
        return scope
    code = codes[0]
    if problem := region_problem(code):
        raise ItemRejected("rjct.notify_details.invalid", f"location: {problem}")
    if not within(code, scope):
        raise ItemRejected(
            "rjct.notify_details.invalid", f"{code} is outside your scope {scope}"
        )
    return code


def info(subscription: dict, status: str = "subscribe") -> dict:
    """The standard's SubscriptionInfo of a subscription."""
    criteria = subscription["criteria"]
    return {
        "version": "1.0.0",
        "code": subscription["code"],
        "subscription_code": subscription["code"],
        "status": status,
        "timestamp": now_iso(),
        "reg_event_type": subscription["event_type"],
        "filter_type": criteria.get("filter_type", "predicate"),
        "filter": criteria.get("filter", []),
        "notify_record_type": subscription["record_type"],
        "subscribe_criteria": criteria,
    }


def insert(cur, sender: str, uri: str, position: int, subscription: dict) -> None:
    """Record a subscription; it hears of changes after `position` in the log."""
    cur.execute(
        "INSERT INTO dci_subscription (code, sender, region, event_type, uri, "
        "from_position, active, info) VALUES (?, ?, ?, ?, ?, ?, 1, ?)",
        (
            subscription["code"],
            sender,
            subscription["region"],
            subscription["event_type"],
            uri,
            position,
            json.dumps(subscription),
        ),
    )


def active(store) -> list[dict]:
    """Every active subscription."""
    rows = store.query(
        "SELECT code, uri, from_position, info FROM dci_subscription "
        "WHERE active = 1 ORDER BY code"
    )
    return [
        {**json.loads(info_), "uri": uri, "from_position": position}
        for code, uri, position, info_ in rows
    ]


def cancel(cur, sender: str, codes: list[str]) -> tuple[list[str], list[str]]:
    """End the sender's active subscriptions with these codes; returns the codes
    ended and those that named no active subscription of the sender."""
    ended, unknown = [], []
    for code in map(str, codes):
        cur.execute(
            "UPDATE dci_subscription SET active = 0 WHERE code = ? AND sender = ? "
            "AND active = 1",
            (code, sender),
        )
        (ended if cur.raw.rowcount == 1 else unknown).append(code)
    return ended, unknown
