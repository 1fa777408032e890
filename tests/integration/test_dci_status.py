"""DCI transaction status of subscriptions: a partner asks what became of an
earlier subscribe or unsubscribe, by transaction id or reference id."""

from __future__ import annotations

import uuid

import pytest

from dci import deliver, standard
from tests import dci_registry
from tests import dci_support as dci


@pytest.fixture
def pkh(store_url):
    """A partner of Jepara with a callback server, subscribed to its families."""
    with dci_registry.jepara_partner(store_url) as partner:
        partner.subscribed = dci.subscribe_message("33.20")
        body = partner.envelope(
            "subscribe", partner.subscribed, sender_uri=partner.receiver.uri
        )
        assert partner.post("/registry/subscribe", body).status_code == 200
        yield partner


def status(pkh, txn_type: str, kind: str, value, sender_uri=None) -> dict:
    """The sync answer (or, given `sender_uri`, the acknowledgement) of a status
    request about a transaction of `txn_type`."""
    request = {
        "transaction_id": str(uuid.uuid4()),
        "txnstatus_request": {
            "reference_id": "status-ref",
            "txn_type": txn_type,
            "attribute_type": kind,
            "attribute_value": value,
        },
    }
    extra = {"sender_uri": sender_uri} if sender_uri else {}
    body = pkh.envelope("txn-status", request, **extra)
    path = "/registry/txn/status" if sender_uri else "/registry/sync/txn/status"
    return pkh.post(path, body).get_json()["message"]


def test_the_status_of_a_subscribe_is_found_by_transaction_or_reference_id(pkh):
    for kind, value in (
        ("transaction_id", pkh.subscribed["transaction_id"]),
        ("reference_id_list", ["jepara-families"]),
    ):
        answer = status(pkh, "subscribe", kind, value)["txnstatus_response"]
        assert answer["txn_type"] == "on-subscribe"
        txn = answer["txn_status"]
        assert txn["transaction_id"] == pkh.subscribed["transaction_id"]
        (item,) = txn["subscribe_response"]
        assert item["status"] == "succ" and item["reference_id"] == "jepara-families"
        assert item["subscriptions"][0]["code"]


def test_the_status_of_an_unsubscribe_tells_which_subscriptions_ended(pkh):
    code = _subscription_code(pkh)
    message = {
        "transaction_id": str(uuid.uuid4()),
        "timestamp": "2026-12-01T09:00:00+07:00",
        "subscription_codes": [code, "no-such-code"],
        "sunscription_codes": [code, "no-such-code"],
    }
    body = pkh.envelope("unsubscribe", message, sender_uri=pkh.receiver.uri)
    assert pkh.post("/registry/unsubscribe", body).status_code == 200

    answer = status(pkh, "unsubscribe", "transaction_id", message["transaction_id"])
    assert answer["txnstatus_response"]["txn_type"] == "on-unsubscribe"
    txn = answer["txnstatus_response"]["txn_status"]
    assert txn["subscription_status"] == [{"code": code, "status": "unsubscribe"}]
    assert txn["status"] == "rjct"  # one of the two codes named nothing
    assert txn["status_reason_code"] == "rjct.subscription_code.invalid"


def test_the_status_of_a_subscribe_or_unsubscribe_is_found_by_subscription_code(pkh):
    code = _subscription_code(pkh)
    # 1. The subscribe that made the code.
    answer = status(pkh, "subscribe", "subscription_code_list", [code])
    txn = answer["txnstatus_response"]["txn_status"]
    assert txn["transaction_id"] == pkh.subscribed["transaction_id"]
    (item,) = txn["subscribe_response"]
    assert item["subscriptions"][0]["code"] == code
    # 2. Before any unsubscribe, no unsubscribe holds it.
    none = status(pkh, "unsubscribe", "subscription_code_list", [code])
    txn = none["txnstatus_response"]["txn_status"]
    assert txn["status_reason_code"] == "rjct.reference_id.invalid"
    # 3. The unsubscribe that ended it.
    message = {
        "transaction_id": str(uuid.uuid4()),
        "timestamp": "2026-12-01T09:00:00+07:00",
        "subscription_codes": [code],
        "sunscription_codes": [code],
    }
    body = pkh.envelope("unsubscribe", message, sender_uri=pkh.receiver.uri)
    assert pkh.post("/registry/unsubscribe", body).status_code == 200
    ended = status(pkh, "unsubscribe", "subscription_code_list", [code, "other"])
    txn = ended["txnstatus_response"]["txn_status"]
    assert txn["transaction_id"] == message["transaction_id"]
    assert txn["subscription_status"] == [{"code": code, "status": "unsubscribe"}]
    # 4. A code no transaction of the sender's holds.
    unknown = status(pkh, "subscribe", "subscription_code_list", ["no-such-code"])
    (item,) = unknown["txnstatus_response"]["txn_status"]["subscribe_response"]
    assert item["status_reason_code"] == "rjct.reference_id.invalid"


def test_the_status_of_an_unknown_subscribe_or_unsubscribe_says_so(pkh):
    subscribe = status(pkh, "subscribe", "transaction_id", "nope")
    (item,) = subscribe["txnstatus_response"]["txn_status"]["subscribe_response"]
    assert item["status_reason_code"] == "rjct.reference_id.invalid"
    # A search is not a subscribe: the subscription's id names no search.
    search = status(pkh, "search", "transaction_id", pkh.subscribed["transaction_id"])
    (item,) = search["txnstatus_response"]["txn_status"]["search_response"]
    assert item["status_reason_code"] == "rjct.reference_id.invalid"
    unsubscribe = status(pkh, "unsubscribe", "transaction_id", "nope")
    txn = unsubscribe["txnstatus_response"]["txn_status"]
    assert (txn["status"], txn["status_reason_code"]) == (
        "rjct",
        "rjct.reference_id.invalid",
    )


def test_an_async_status_of_a_subscribe_is_answered_on_the_senders_uri(pkh):
    _subscription_code(pkh)
    ack = status(
        pkh,
        "subscribe",
        "transaction_id",
        pkh.subscribed["transaction_id"],
        sender_uri=pkh.receiver.uri,
    )
    assert ack["ack_status"] == "ACK"
    deliver.deliver_due(pkh.store)
    (answer,) = pkh.receiver.accepted("txn-on-status")
    path = "/registry/txn/on-status"
    checker = standard.request_validator(path, body=answer)
    assert standard.problems(checker, answer) == []
    txn = answer["message"]["txnstatus_response"]["txn_status"]
    assert txn["transaction_id"] == pkh.subscribed["transaction_id"]


def _subscription_code(pkh) -> str:
    """The code of the fixture's subscription, from its on-subscribe callback."""
    deliver.deliver_due(pkh.store)
    (on_subscribe,) = pkh.receiver.accepted("on-subscribe")
    return on_subscribe["message"]["subscribe_response"][0]["subscriptions"][0]["code"]
