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


ATTRIBUTE_COLUMN = {
    "transaction_id": "transaction_id",
    "correlation_id": "correlation_id",
}


def status_message(store, sender: str, message: dict) -> dict:
    """The TxnStatusResponse about an earlier search transaction of the sender."""
    found, items = _searches(store, sender, message["txnstatus_request"])
    first = found[0] if found else {"transaction_id": "", "correlation_id": ""}
    return {
        "transaction_id": message.get("transaction_id", ""),
        "correlation_id": str(uuid.uuid4()),
        "txnstatus_response": {
            "txn_type": "search",
            "txn_status": {
                "transaction_id": first["transaction_id"],
                "correlation_id": first["correlation_id"],
                "search_response": items,
            },
        },
    }


def _searches(store, sender: str, asked: dict) -> tuple[list[dict], list[dict]]:
    """The search transactions a status request names, and their answers."""
    kind, value = asked["attribute_type"], asked["attribute_value"]
    column = ATTRIBUTE_COLUMN.get(kind, "reference_id_list")
    found = [
        t
        for t in transactions(store, sender, column, value)
        if t["response"] and "search_response" in t["response"]
    ]
    items = [item for t in found for item in t["response"]["search_response"]]
    if not items:
        unknown = ItemRejected(
            "rjct.reference_id.invalid",
            f"no search transaction of yours has {kind} {value}",
        )
        items = [envelope.item_answer(asked, unknown)]
    return found, items
