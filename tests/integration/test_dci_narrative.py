"""A PKH system hears of a family determined in Kabupaten Jepara and looks it up.

Every request, answer, callback and notification keeps to the DCI standard and
carries a signature that verifies with the ledger's public key.
"""

from __future__ import annotations

import threading
import time
import uuid

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from api import create_app
from dci import deliver, outbox, signing, standard
from events.readside import ReadSide
from tests import dci_registry
from tests import dci_support as dci
from tests.dci_callbacks import Receiver
from tests.support import (
    DESA,
    add_body,
    correction,
    determine,
    family_of_three,
    make_actors,
    removal,
)
from workflow.app import open_ledger

KK, MEMBERS = family_of_three()


@pytest.fixture
def ledger_key(tmp_path, monkeypatch):
    """The ledger's signing key, in the file DTKS_LEDGER_KEY names."""
    key = Ed25519PrivateKey.generate()
    path = tmp_path / "ledger-key.pem"
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    monkeypatch.setenv("DTKS_LEDGER_KEY", str(path))
    return key


@pytest.fixture
def receiver():
    """The PKH system's callback server."""
    server = Receiver()
    yield server
    server.close()


def checked(receiver: Receiver, action: str, path: str, key) -> list[dict]:
    """The accepted callbacks of an action, each valid and signed by the ledger."""
    bodies = receiver.accepted(action)
    for body in bodies:
        assert standard.problems(standard.request_validator(path), body) == []
        signed = signing.body_of(body["header"], body.get("message"))
        signing.verify(
            signing.public_pem(key), body["signature"], signed, int(time.time())
        )
    return bodies


def deliver_all(app, later: float = 0.0) -> None:
    """What `dtks dci deliver` does in one pass, `later` seconds from now."""
    ledger, read_side = app.extensions["dtks_ledger"](), app.extensions["dtks_read"]()
    outbox.follow(ledger, read_side)
    deliver.deliver_due(read_side.store, now=time.time() + later)


def test_pkh_hears_of_a_family_determined_in_jepara_and_finds_it(
    store_url, ledger_key, receiver
):
    app = create_app({"DATABASE_URL": store_url})
    ledger = app.extensions["dtks_ledger"]()
    actors = make_actors(ledger)
    partner_key = Ed25519PrivateKey.generate()
    token = dci.add_partner(ledger, "33.20", partner_key)
    pkh = dci.Partner(app.test_client(), token, partner_key)

    # Step 1: PKH subscribes to families registered in Kabupaten Jepara.
    body = pkh.envelope(
        "subscribe", dci.subscribe_message("33.20"), sender_uri=receiver.uri
    )
    ack = pkh.post("/registry/subscribe", body).get_json()["message"]
    assert ack["ack_status"] == "ACK"
    deliver_all(app)
    (on_subscribe,) = checked(
        receiver, "on-subscribe", "/registry/on-subscribe", ledger_key
    )
    (answer,) = on_subscribe["message"]["subscribe_response"]
    assert answer["status"] == "succ"
    code = answer["subscriptions"][0]["code"]

    # Step 2: a family is determined into Kedungmalang; a family far away too.
    pid = ledger.submit_proposal(actors["operator"], add_body(KK, MEMBERS)).id
    determine(ledger, actors, [pid], "2026-11-01", "2026-11")
    dci_registry.far_family(ledger, actors["ministry"])

    # Step 3: the first delivery fails (500); the notification waits in the
    # outbox through a restart of the deliverer, then arrives once.
    receiver.fail = [500]
    deliver_all(app)
    assert checked(receiver, "notify", "/registry/notify", ledger_key) == []
    assert [status for status, _ in receiver.received][-1] == 500
    restarted = open_ledger(store_url)
    read_side = ReadSide(restarted)
    outbox.follow(restarted, read_side)
    deliver.deliver_due(read_side.store, now=time.time() + deliver.backoff(1))
    deliver.deliver_due(read_side.store, now=time.time() + 3600)
    (notify,) = checked(receiver, "notify", "/registry/notify", ledger_key)
    (event,) = notify["message"]["notify_event"]  # not the family of Penajam
    group = event["data"]["reg_records"]
    assert event["data"]["reg_event_type"] == "REGISTER"
    assert group["group_identifier"][0]["identifier_value"] == KK
    assert group["group_size"] == 3 and group["location"] == DESA
    restarted.close()

    # Step 4: PKH looks the family up by KK, a member by NIK, and the children
    # under five of the desa by predicate.
    def found(message):
        item = pkh.sync_search(message).get_json()["message"]["search_response"][0]
        assert item["status"] == "succ"
        return item["data"]["reg_records"]

    (family,) = found(dci.by_id("KK", KK))
    assert family["group_size"] == 3
    (mother,) = found(dci.by_id("NIK", MEMBERS[1]["nik"], "Member"))
    assert mother["demographic_info"]["sex"] == "female"
    children = found(dci.predicate(("age", "lt", 5), ("location", "eq", DESA)))
    assert [c["demographic_info"]["name"]["given_name"] for c in children] == [
        "Rizky Pratama"
    ]
    # Each search is in the access log: who searched, and whose records it got.
    log = app.extensions["dtks_access"]()
    log.flush()
    seen, _ = log.page(None, 0, 100, nik=MEMBERS[1]["nik"])
    assert {a["route"] for a in seen} == {"/dci/registry/sync/search"}
    assert len(seen) == 2  # in the family found by KK, then found by NIK

    # Step 5: PKH unsubscribes; the next family determined is not notified.
    message = {
        "transaction_id": str(uuid.uuid4()),
        "timestamp": "2026-12-01T09:00:00+07:00",
        "subscription_codes": [code],
        "sunscription_codes": [code],  # the name the standard's schema requires
    }
    body = pkh.envelope("unsubscribe", message, sender_uri=receiver.uri)
    assert pkh.post("/registry/unsubscribe", body).status_code == 200
    kk2, members2 = family_of_three(60)
    pid = ledger.submit_proposal(actors["operator"], add_body(kk2, members2)).id
    determine(ledger, actors, [pid], "2026-12-01", "2026-12", decree="KEP2")
    deliver_all(app, later=3600)
    (on_unsubscribe,) = checked(
        receiver, "on-unsubscribe", "/registry/on-unsubscribe", ledger_key
    )
    assert on_unsubscribe["message"]["subscription_status"] == [
        {"code": code, "status": "unsubscribe"}
    ]
    assert len(receiver.accepted("notify")) == 1
    ledger.close()


def test_the_deliverer_running_beside_the_api_sends_a_notification_within_seconds(
    sqlite_url, ledger_key, receiver
):
    app = create_app({"DATABASE_URL": sqlite_url})
    ledger = app.extensions["dtks_ledger"]()
    actors = make_actors(ledger)
    pkh = dci.Partner(app.test_client(), dci.add_partner(ledger, "33.20"))
    message = dci.subscribe_message("33.20.01")
    message["subscribe_request"][0]["subscribe_criteria"]["notify_record_type"] = (
        "Member"
    )
    body = pkh.envelope("subscribe", message, sender_uri=receiver.uri)
    assert pkh.post("/registry/subscribe", body).status_code == 200
    stop = threading.Event()
    deliverer = open_ledger(sqlite_url)
    running = threading.Thread(
        target=deliver.run, args=(deliverer, ReadSide(deliverer), stop, 0.05)
    )
    running.start()
    try:
        pid = ledger.submit_proposal(actors["operator"], add_body(KK, MEMBERS)).id
        determine(ledger, actors, [pid], "2026-11-01", "2026-11")
        deadline = time.time() + 10
        while len(receiver.accepted("notify")) < 1 and time.time() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        running.join()
        deliverer.close()
    (notify,) = checked(receiver, "notify", "/registry/notify", ledger_key)
    niks = {
        e["data"]["reg_records"]["member_identifier"][0]["identifier_value"]
        for e in notify["message"]["notify_event"]
    }
    assert niks == {m["nik"] for m in MEMBERS}
    ledger.close()


def test_a_removal_and_a_correction_are_notified_as_delete_and_update(
    sqlite_url, ledger_key, receiver
):
    app = create_app({"DATABASE_URL": sqlite_url})
    ledger = app.extensions["dtks_ledger"]()
    actors = make_actors(ledger)
    pid = ledger.submit_proposal(actors["operator"], add_body(KK, MEMBERS)).id
    determine(ledger, actors, [pid], "2026-11-01", "2026-11")
    pkh = dci.Partner(app.test_client(), dci.add_partner(ledger, "33.20"))
    for event_type in ("DELETE", "UPDATE"):
        message = dci.subscribe_message(DESA)
        criteria = message["subscribe_request"][0]["subscribe_criteria"]
        criteria |= {"reg_event_type": event_type, "notify_record_type": "Member"}
        body = pkh.envelope("subscribe", message, sender_uri=receiver.uri)
        assert pkh.post("/registry/subscribe", body).status_code == 200
    father, _mother, toddler = (m["nik"] for m in MEMBERS)
    moved = removal(ledger, actors, KK, [toddler], "moved")
    fixed = correction(ledger, actors, KK, [{"nik": father, "occupation": "Nelayan"}])
    determine(ledger, actors, [moved, fixed], "2026-12-15", "2026-12", decree="K2")
    deliver_all(app)
    events = {
        e["data"]["reg_event_type"]: e["data"]
        for body in checked(receiver, "notify", "/registry/notify", ledger_key)
        for e in body["message"]["notify_event"]
    }
    assert set(events) == {"DELETE", "UPDATE"}
    gone = events["DELETE"]["reg_records"]
    assert gone["member_identifier"][0]["identifier_value"] == toddler
    assert events["DELETE"]["effective_on"] == "2026-12-15"
    assert events["UPDATE"]["reg_records"]["occupation"] == "Nelayan"
    ledger.close()
