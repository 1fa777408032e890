"""What the search and transaction-status requests do, for one partner."""

from __future__ import annotations

import uuid
from typing import Any

from dci import records
from dci.criteria import read
from dci.search import search
from dci.store import now_iso, transactions
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
    request = request if isinstance(request, dict) else {}
    answer = {
        "reference_id": str(request.get("reference_id", "")),
        "timestamp": now_iso(),
    }
    try:
        if reject:
            raise ItemRejected(*reject)
        criteria_in = request["search_criteria"]
        meta = (
            criteria_in.get("meta") if isinstance(criteria_in.get("meta"), dict) else {}
        )
        criteria = read(criteria_in, meta.get("as_of", as_of))
        found, total = search(store, criteria, region)
    except ItemRejected as rejected:
        return {
            **answer,
            "status": "rjct",
            "status_reason_code": rejected.code,
            "status_reason_message": rejected.message[:999],
        }
    shown = records.member if criteria.entity == "Member" else records.group
    return {
        **answer,
        "status": "succ",
        "data": {
            "version": "1.0.0",
            "reg_record_type": criteria.entity,
            "reg_records": [shown(record) for record in found],
        },
        "pagination": {
            "page_size": criteria.page_size,
            "page_number": criteria.page_number,
            "total_count": total,
        },
        "locale": "ind",
    }


def succeeded(response: dict, key: str = "search_response") -> bool:
    """True when at least one item of a batch was answered."""
    return any(item["status"] == "succ" for item in response[key])


ATTRIBUTE_COLUMN = {
    "transaction_id": "transaction_id",
    "correlation_id": "correlation_id",
}


def status_message(store, sender: str, message: dict) -> dict:
    """The TxnStatusResponse about an earlier search transaction of the sender."""
    asked = message["txnstatus_request"]
    kind, value = asked["attribute_type"], asked["attribute_value"]
    column = ATTRIBUTE_COLUMN.get(kind, "reference_id_list")
    found = [
        t
        for t in transactions(store, sender, column, value)
        if t["response"] and "search_response" in t["response"]
    ]
    items = [item for t in found for item in t["response"]["search_response"]]
    if not items:
        items = [
            {
                "reference_id": str(asked.get("reference_id", "")),
                "timestamp": now_iso(),
                "status": "rjct",
                "status_reason_code": "rjct.reference_id.invalid",
                "status_reason_message": f"no search transaction of yours has {kind} "
                f"{value}",
            }
        ]
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
