"""The standard's envelope: checking what arrives, shaping what we answer.

A request is refused as a whole (`Refused`) when it cannot be read, is not
authorised or its header is wrong; one search request of a batch is rejected
alone when only its criteria are wrong (the status of that item says why).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from dci import standard
from dci.store import now_iso
from dci.values import ItemRejected

VERSION = "1.0.0"
SENDER_ID = "dtks"  # how this registry names itself in headers it sends
ITEM_LISTS = {
    "search_request": "search_criteria",
    "subscribe_request": "subscribe_criteria",
}


class Refused(Exception):
    """A request refused as a whole: HTTP status, the standard's code, a message."""

    def __init__(self, status: int, code: str, message: str, retry_after=None):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message[:999]
        self.retry_after: int | None = retry_after  # seconds, for a 429


def bad(message: str) -> Refused:
    """A request that cannot be read as the standard describes it."""
    return Refused(400, "err.request.bad", message)


def shape(body: Any) -> tuple[dict, Any]:
    """The header and message of a parsed body, or Refused."""
    if not isinstance(body, dict) or not isinstance(body.get("header"), dict):
        raise bad("the body is an object with signature, header and message")
    message = body.get("message")
    if isinstance(message, dict) and "ciphertext" in message:
        raise Refused(400, "err.encryption.invalid", "send the message unencrypted")
    return body["header"], message


def check(path: str, body: dict) -> dict[int, tuple[str, str]]:
    """Validate a request against the standard; returns the items of a batch
    that are rejected alone, by index, with their reason code and message."""
    header = body["header"]
    if header.get("version", VERSION) != VERSION:
        raise Refused(400, "rjct.version.invalid", f"version must be {VERSION}")
    items: dict[int, tuple[str, str]] = {}
    if not standard.conforms(path, body):
        for error in standard.request_validator(path, body=body).iter_errors(body):
            for leaf in _leaves(error):
                _place(leaf, items)
    if not _timestamp(header.get("message_ts")):
        raise Refused(
            400, "rjct.message_ts.invalid", "message_ts is an ISO 8601 date-time"
        )
    return items


def _leaves(error) -> list:
    """The errors under a message's oneOf (plain or encrypted): the plain branch."""
    if list(error.absolute_path) == ["message"] and error.context:
        plain = [e for e in error.context if e.schema_path and e.schema_path[0] == 0]
        return [leaf for e in plain for leaf in _leaves(e)] or [error]
    return [error]


def _place(error, items: dict[int, tuple[str, str]]) -> None:
    path = list(error.absolute_path)
    where = "/".join(map(str, path)) or "(body)"
    if path[:2] == ["header", "action"]:
        raise Refused(400, "rjct.action.invalid", f"{where}: {error.message}")
    if len(path) >= 3 and path[0] == "message" and path[1] in ITEM_LISTS:
        rest = path[3:]
        if rest and rest[0] == ITEM_LISTS[path[1]]:
            rest = rest[1:]
        name = str(rest[0]) if rest else ""
        code = {
            "pagination": "rjct.pagination.invalid",
            "sort": "rjct.sort.invalid",
            "reference_id": "rjct.reference_id.invalid",
            "timestamp": "rjct.timestamp.invalid",
        }.get(name, "rjct.search_criteria.invalid")
        items.setdefault(path[2], (code, f"{where}: {error.message}"))
        return
    raise bad(f"{where}: {error.message}")


def _timestamp(value: Any) -> bool:
    try:
        parsed = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return False
    return parsed.tzinfo is not None


def item_answer(request: Any, rejected: ItemRejected | None = None, **fields) -> dict:
    """One answer of a batch: its reference id, time and status (and why not)."""
    reference = request.get("reference_id", "") if isinstance(request, dict) else ""
    answer = {"reference_id": str(reference), "timestamp": now_iso()}
    if rejected is None:
        return {**answer, "status": "succ", **fields}
    return {
        **answer,
        "status": "rjct",
        "status_reason_code": rejected.code,
        "status_reason_message": rejected.message[:999],
    }


def reply_header(action: str, request: dict, status: str, **extra: Any) -> dict:
    """The header of an answer or callback to a request's sender."""
    header = {
        "version": VERSION,
        "message_id": str(uuid.uuid4()),
        "message_ts": now_iso(),
        "action": action,
        "status": status,
        "sender_id": SENDER_ID,
        "receiver_id": str(request.get("sender_id", "")),
        "is_msg_encrypted": False,
    }
    return {**header, **extra}


def ack(correlation_id: str, error: tuple[str, str] | None = None) -> dict:
    """The acknowledgement of an asynchronous request."""
    message: dict[str, Any] = {
        "ack_status": "ERR" if error else "ACK",
        "timestamp": now_iso(),
        "correlation_id": correlation_id,
    }
    if error:
        message["error"] = {"code": error[0], "message": error[1]}
    return {"message": message}


def refusal(refused: Refused, reply_action: str | None, request: dict) -> dict:
    """The body answering a refused request, in the shape the standard gives
    for its HTTP status on that endpoint."""
    if refused.status in (401, 403):
        return {"errors": [{"code": refused.code, "message": refused.message}]}
    if reply_action is None:  # asynchronous: a negative acknowledgement
        code = refused.code
        if code.startswith("rjct."):
            code = (
                "err.version.not_supported" if "version" in code else "err.request.bad"
            )
        return ack(str(uuid.uuid4()), (code, f"{refused.code}: {refused.message}"))
    extra: dict[str, Any] = {"status_reason_message": refused.message}
    if refused.code.startswith("rjct."):
        extra["status_reason_code"] = refused.code
    else:
        extra["status_reason_message"] = f"{refused.code}: {refused.message}"
    return {"header": reply_header(reply_action, request, "rjct", **extra)}
