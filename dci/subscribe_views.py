"""/dci subscriptions: subscribe and unsubscribe, answered by callback."""

from __future__ import annotations

import uuid

from flask import current_app

from dci import envelope, http, subscriptions
from dci.store import now_iso
from dci.values import ItemRejected


@http.endpoint("/registry/subscribe", None)
def subscribe(partner, header, message, items):
    """Subscribe to registry changes in the partner's region; on-subscribe follows."""
    uri = http.callback_uri(header)
    position = current_app.extensions["dtks_ledger"]().recorder.max_notification_id()
    made, answers = _read_all(partner, message, items)
    if not made:
        first = answers[0]
        code, text = first["status_reason_code"], first["status_reason_message"]
        raise envelope.Refused(400, code, text)
    response = {
        "transaction_id": message["transaction_id"],
        "correlation_id": str(uuid.uuid4()),
        "subscribe_response": answers,
    }
    reply = envelope.reply_header(
        "on-subscribe", header, "succ", total_count=len(answers)
    )
    with http.keeping(http.read_store(), header) as cur:
        for subscription in made:
            subscriptions.insert(cur, partner.id, uri, position or 0, subscription)
        http.keep(
            cur,
            partner,
            header,
            response,
            "subscribe",
            (uri, http.callback(reply, response)),
        )
    return http.answer(envelope.ack(response["correlation_id"]))


def _read_all(partner, message: dict, items: dict) -> tuple[list, list]:
    """The subscriptions a request makes, and the answer to each of its items."""
    made: list[dict] = []
    answers = []
    for index, request in enumerate(message.get("subscribe_request") or []):
        try:
            made.append(subscriptions.read(request, items.get(index), partner.region))
        except ItemRejected as rejected:
            answers.append(envelope.item_answer(request, rejected))
            continue
        info = [subscriptions.info(made[-1])]
        answers.append(envelope.item_answer(request, subscriptions=info))
    return made, answers


@http.endpoint("/registry/unsubscribe", None)
def unsubscribe(partner, header, message, items):
    """End subscriptions by code; on-unsubscribe follows."""
    uri = http.callback_uri(header)
    # The standard requires "sunscription_codes" but describes "subscription_codes".
    codes = message.get("subscription_codes") or message.get("sunscription_codes") or []
    with http.keeping(http.read_store(), header) as cur:
        ended, unknown = subscriptions.cancel(cur, partner.id, codes)
        response = _unsubscribed(message, ended, unknown)
        reply = envelope.reply_header(
            "on-unsubscribe", header, response["status"], total_count=len(codes)
        )
        http.keep(
            cur,
            partner,
            header,
            response,
            "unsubscribe",
            (uri, http.callback(reply, response)),
        )
    return http.answer(envelope.ack(response["correlation_id"]))


def _unsubscribed(message: dict, ended: list[str], unknown: list[str]) -> dict:
    """The UnSubscribeResponse: the codes ended, and those that named nothing."""
    response = {
        "transaction_id": message["transaction_id"],
        "correlation_id": str(uuid.uuid4()),
        "timestamp": now_iso(),
        "status": "rjct" if unknown else "succ",
        "subscription_status": [{"code": c, "status": "unsubscribe"} for c in ended],
    }
    if unknown:
        response["status_reason_code"] = "rjct.subscription_code.invalid"
        response["status_reason_message"] = (
            f"no active subscription of yours: {', '.join(unknown)}"
        )
    return response
