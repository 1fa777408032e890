"""DCI asynchronous search and transaction status: acknowledged at once, the
answer delivered to the sender's URI; the status of an earlier transaction."""

from __future__ import annotations

import pytest

from dci import deliver, standard
from tests import dci_registry
from tests import dci_support as dci
from tests.support import family_of_three

KK, MEMBERS = family_of_three()


@pytest.fixture
def pkh(sqlite_url):
    """A partner of Jepara, a determined family, and a callback server."""
    with dci_registry.jepara_partner(sqlite_url) as partner:
        yield partner


def status_request(kind: str, value) -> dict:
    return {
        "transaction_id": "status-1",
        "txnstatus_request": {
            "reference_id": "status-ref",
            "txn_type": "search",
            "attribute_type": kind,
            "attribute_value": value,
        },
    }


def test_an_async_search_is_acknowledged_and_answered_on_the_senders_uri(pkh):
    message = dci.by_id("KK", KK)
    body = pkh.envelope("search", message, sender_uri=pkh.receiver.uri)
    ack = pkh.post("/registry/search", body).get_json()["message"]
    assert ack["ack_status"] == "ACK"
    assert pkh.receiver.received == []  # nothing is sent before the deliverer runs
    deliver.deliver_due(pkh.store)
    (answer,) = pkh.receiver.accepted("on-search")
    path = "/registry/on-search"
    assert standard.problems(standard.request_validator(path), answer) == []
    assert answer["message"]["correlation_id"] == ack["correlation_id"]
    (item,) = answer["message"]["search_response"]
    assert item["data"]["reg_records"][0]["group_size"] == 3


def test_an_async_search_without_a_sender_uri_is_refused(pkh):
    body = pkh.envelope("search", dci.by_id("KK", KK))
    response = pkh.post("/registry/search", body)
    assert response.status_code == 400
    assert response.get_json()["message"]["error"]["code"] == "err.sender_uri.invalid"


def test_the_status_of_an_earlier_search_is_found_by_transaction_or_reference(pkh):
    message = dci.by_id("NIK", MEMBERS[0]["nik"], "Member")
    pkh.sync_search(message)
    for kind, value in (
        ("transaction_id", message["transaction_id"]),
        ("reference_id_list", ["ref-1"]),
    ):
        body = pkh.envelope("txn-status", status_request(kind, value))
        reply = pkh.post("/registry/sync/txn/status", body).get_json()
        status = reply["message"]["txnstatus_response"]["txn_status"]
        assert status["transaction_id"] == message["transaction_id"]
        (item,) = status["search_response"]
        assert item["status"] == "succ"


def test_the_status_of_an_unknown_transaction_says_so(pkh):
    body = pkh.envelope("txn-status", status_request("transaction_id", "nope"))
    reply = pkh.post("/registry/sync/txn/status", body).get_json()
    (item,) = reply["message"]["txnstatus_response"]["txn_status"]["search_response"]
    assert item["status_reason_code"] == "rjct.reference_id.invalid"


def test_an_async_status_request_is_answered_on_the_senders_uri(pkh):
    message = dci.by_id("KK", KK)
    pkh.sync_search(message)
    request = status_request("transaction_id", message["transaction_id"])
    body = pkh.envelope("txn-status", request, sender_uri=pkh.receiver.uri)
    assert pkh.post("/registry/txn/status", body).status_code == 200
    deliver.deliver_due(pkh.store)
    (answer,) = pkh.receiver.accepted("txn-on-status")
    path = "/registry/txn/on-status"
    assert standard.problems(standard.request_validator(path), answer) == []
