"""What the search and transaction-status requests do, for one partner."""

from __future__ import annotations

import uuid
from typing import Any

from dci import envelope, records
from dci.criteria import read
from dci.search import search
from dci.store import transactions
from dci.values import ItemRejected


def search_message(store, region, header: dict, message: dict, rejects) -> dict:
    """The SearchResponse to a SearchRequest, each item answered or rejected."""
    meta = header.get("meta") if isinstance(header.get("meta"), dict) else {}
    answers = [
        _one(store, region, request, rejects.get(index), meta.get("as_of"))
        for index, request in enumerate(message.get("search_request") or [])
    ]
    return {
        "transaction_id": message.get("transaction_id", ""),
        "correlation_id": str(uuid.uuid4()),
        "search_response": answers,
    }


def _one(store, region, request: Any, reject, as_of) -> dict:
    try:
        if reject:
            raise ItemRejected(*reject)
        criteria = read(request["search_criteria"], _as_of(request, as_of))
        found, total = search(store, criteria, region)
    except ItemRejected as rejected:
        return envelope.item_answer(request, rejected)
    shown = records.member if criteria.entity == "Member" else records.group
    data = {
        "version": "1.0.0",
        "reg_record_type": criteria.entity,
        "reg_records": [shown(record) for record in found],
    }
    page = {
        "page_size": criteria.page_size,
        "page_number": criteria.page_number,
        "total_count": total,
    }
    return envelope.item_answer(request, data=data, pagination=page, locale="ind")


def _as_of(request: dict, default: Any) -> Any:
    """The as-of date of one search: its criteria's meta, else the header's."""
    meta = request["search_criteria"].get("meta")
    return meta.get("as_of", default) if isinstance(meta, dict) else default


def succeeded(response: dict, key: str = "search_response") -> bool:
    """True when at least one item of a batch was answered."""
    return any(item["status"] == "succ" for item in response[key])


# What a status request may name a transaction by (the standards admit no
# other attribute_type; anything else is read as reference ids).
ATTRIBUTE_COLUMN = {
    "transaction_id": "transaction_id",
    "correlation_id": "correlation_id",
    "reference_id_list": "reference_id_list",
    "subscription_code_list": "subscription_code_list",
}
# The kind of transaction a status request asks about (the Social Registry API
# spells one "subscibe"; "receipt" transactions are not kept here), and the
# list of item answers each kind's response carries.
ACTIONS = {
    "subscribe": "subscribe",
    "subscibe": "subscribe",
    "unsubscribe": "unsubscribe",
}
ANSWERS = {"search": "search_response", "subscribe": "subscribe_response"}


def status_message(store, sender: str, message: dict) -> dict:
    """The TxnStatusResponse about an earlier transaction of the sender: a
    search, a subscribe or an unsubscribe."""
    asked = message["txnstatus_request"]
    action = ACTIONS.get(asked.get("txn_type"), "search")
    found = _earlier(store, sender, asked, action)
    return {
        "transaction_id": message.get("transaction_id", ""),
        "correlation_id": str(uuid.uuid4()),
        "txnstatus_response": {
            "txn_type": "search" if action == "search" else f"on-{action}",
            "txn_status": _joined(found, action) if found else _none(asked, action),
        },
    }


def _earlier(store, sender: str, asked: dict, action: str) -> list[dict]:
    """The sender's transactions of this kind that a status request names."""
    kind, value = asked["attribute_type"], asked["attribute_value"]
    column = ATTRIBUTE_COLUMN.get(kind, "reference_id_list")
    return [
        t
        for t in transactions(store, sender, column, value)
        if t["action"] == action and t["response"]
    ]


def _joined(found: list[dict], action: str) -> dict:
    """The first transaction's response, with the item answers of them all."""
    first = found[0]["response"]
    key = ANSWERS.get(action)
    if key is None:  # an unsubscribe answers as a whole, without items
        return first
    return {**first, key: [item for t in found for item in t["response"][key]]}


def _none(asked: dict, action: str) -> dict:
    """The answer when no transaction of the sender's has what was asked."""
    unknown = ItemRejected(
        "rjct.reference_id.invalid",
        f"no {action} transaction of yours has {asked['attribute_type']} "
        f"{asked['attribute_value']}",
    )
    empty = {"transaction_id": "", "correlation_id": ""}
    item = envelope.item_answer(asked, unknown)
    if action == "unsubscribe":  # answered as a whole: its status is the item's
        item.pop("reference_id")
        return {**empty, **item}
    return {**empty, ANSWERS[action]: [item]}
