"""DCI requests that are refused: each answers the standard's error and writes
nothing (no event, no transaction)."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from api import create_app
from dci import signing
from events.projector import ReadModelsRebuilding
from tests import dci_support as dci

PATH = "/registry/sync/search"


@pytest.fixture
def app(sqlite_url):
    """The app on a fresh store, with one partner without a key and one with."""
    app = create_app({"DATABASE_URL": sqlite_url})
    ledger = app.extensions["dtks_ledger"]()
    key = Ed25519PrivateKey.generate()
    app.plain = dci.Partner(app.test_client(), dci.add_partner(ledger, "33.20"))
    token = dci.add_partner(ledger, "33.20", key)
    app.signer = dci.Partner(app.test_client(), token, key)
    app.ledger = ledger
    yield app
    ledger.close()


@pytest.fixture
def written(app):
    """What the store holds now: log position and DCI transactions."""

    def now():
        read_side = app.extensions["dtks_read"]()
        rows = read_side.store.query("SELECT COUNT(*) FROM dci_txn")
        return app.ledger.recorder.max_notification_id(), rows[0][0]

    app.plain.sync_search(dci.by_id("NIK", "3320010101900001"))  # creates tables
    return now


def header_code(response, status: int) -> str:
    assert response.status_code == status, response.get_json()
    header = response.get_json()["header"]
    assert header["status"] == "rjct"
    return header.get("status_reason_code") or header["status_reason_message"]


def item_code(response) -> str:
    assert response.status_code == 200
    item = response.get_json()["message"]["search_response"][0]
    assert item["status"] == "rjct"
    return item["status_reason_code"]


def error_code(response, status: int) -> str:
    assert response.status_code == status, response.get_json()
    return response.get_json()["errors"][0]["code"]


def test_a_malformed_envelope_is_a_bad_request(app, written):
    before = written()
    response = app.plain.post(PATH, {"header": {"action": "search"}}, valid=False)
    assert header_code(response, 400).startswith("err.request.bad")
    response = app.plain.post(PATH, {"message": {}}, valid=False)
    assert header_code(response, 400).startswith("err.request.bad")
    assert written() == before


def test_an_unknown_query_type_rejects_that_search(app, written):
    before = written()
    message = dci.search({"query_type": "sql", "query": "SELECT * FROM rm_membership"})
    body = app.plain.envelope("search", message)
    response = app.plain.post(PATH, body, valid=False)
    assert item_code(response) == "rjct.search_criteria.invalid"
    assert written() == before


def test_a_page_size_over_the_limit_is_a_pagination_error(app, written):
    before = written()
    message = dci.predicate(("age", "lt", 5), pagination={"page_size": 5000})
    assert item_code(app.plain.sync_search(message)) == "rjct.pagination.invalid"
    assert written() == before


def test_a_second_message_with_the_same_id_is_a_duplicate(app, written):
    body = app.plain.envelope("search", dci.by_id("NIK", "3320010101900001"))
    assert app.plain.post(PATH, body).status_code == 200
    before = written()
    response = app.plain.post(PATH, body)
    assert header_code(response, 409) == "rjct.message_id.duplicate"
    assert written() == before


def test_a_wrong_version_is_rejected_as_such(app, written):
    before = written()
    body = app.plain.envelope("search", dci.by_id("KK", "1"), version="2.0.0")
    assert header_code(app.plain.post(PATH, body), 400) == "rjct.version.invalid"
    assert written() == before


def test_a_missing_unknown_or_revoked_token_is_unauthorized(app, written):
    partner = app.ledger.authenticate(app.plain.token)
    app.ledger.revoke_tokens(dci.command_line_actor(), partner.id)
    before = written()
    body = app.plain.envelope("search", dci.by_id("KK", "1"))
    response = app.plain.http.post(f"/dci{PATH}", json=body)
    assert error_code(response, 401) == "err.request.unauthorized"
    response = app.plain.post(PATH, body, token="x" * 43)
    assert error_code(response, 401) == "err.request.unauthorized"
    assert error_code(app.plain.post(PATH, body), 401) == "err.request.unauthorized"
    assert written() == before


def test_an_expired_token_is_unauthorized_and_writes_nothing(app, written):
    partner = dci.Partner(
        app.test_client(), dci.add_partner(app.ledger, "33.20", expires_in_days=1)
    )
    assert partner.sync_search(dci.by_id("KK", "1")).status_code == 200
    before = written()
    tomorrow = dt.datetime.now(dt.UTC) + dt.timedelta(days=1, seconds=1)
    app.ledger.clock = lambda: tomorrow
    response = partner.sync_search(dci.by_id("KK", "1"))
    assert error_code(response, 401) == "err.request.unauthorized"
    assert "expired" in response.get_json()["errors"][0]["message"]
    assert written() == before


def test_other_roles_may_not_use_the_dci_api(app):
    _user, token = app.ledger.add_user(
        dci.command_line_actor(), {"name": "A", "role": "auditor", "region": "33.20"}
    )
    body = app.plain.envelope("search", dci.by_id("KK", "1"))
    response = app.plain.post(PATH, body, token=token)
    assert error_code(response, 403) == "err.request.forbidden"


def test_a_signed_message_verifies_and_a_tampered_one_does_not(app, written):
    body = app.signer.envelope("search", dci.by_id("NIK", "3320010101900001"))
    assert app.signer.post(PATH, body).status_code == 200
    before = written()
    body = app.signer.envelope("search", dci.by_id("NIK", "3320010101900001"))
    body["message"]["search_request"][0]["reference_id"] = "changed"
    assert error_code(app.signer.post(PATH, body), 401) == "err.signature.invalid"
    assert written() == before


def test_a_partner_with_a_key_must_sign_and_one_without_may_not(app, written):
    before = written()
    body = app.plain.envelope("search", dci.by_id("KK", "1"))  # unsigned
    assert error_code(app.signer.post(PATH, body), 401) == "err.signature.missing"
    signed = app.signer.envelope("search", dci.by_id("KK", "1"))
    assert error_code(app.plain.post(PATH, signed), 401) == "err.signature.invalid"
    assert written() == before


def test_replies_are_signed_with_the_ledger_key(sqlite_url, tmp_path, monkeypatch):
    key = Ed25519PrivateKey.generate()
    (tmp_path / "ledger.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    monkeypatch.setenv("DTKS_LEDGER_KEY", str(tmp_path / "ledger.pem"))
    app = create_app({"DATABASE_URL": sqlite_url})
    ledger = app.extensions["dtks_ledger"]()
    partner = dci.Partner(app.test_client(), dci.add_partner(ledger, "33.20"))
    reply = partner.sync_search(dci.by_id("KK", "1")).get_json()
    published = partner.http.get("/dci/ledger-key").get_data(as_text=True)
    assert published == signing.public_pem(key)
    signed = signing.body_of(reply["header"], reply["message"])
    signing.verify(
        signing.public_pem(key), reply["signature"], signed, int(time.time())
    )
    reply["message"]["search_response"][0]["status"] = "rjct"
    with pytest.raises(signing.BadSignature):
        signing.verify(
            signing.public_pem(key), reply["signature"], signed, int(time.time())
        )
    ledger.close()


def test_a_partner_reads_the_registry_only_through_the_dci_api(app):
    bearer = {"Authorization": f"Bearer {app.plain.token}"}
    me = app.plain.http.get("/api/v1/users/me", headers=bearer)
    assert me.get_json()["role"] == "partner"
    for path in ("/api/v1/registry/families?region=33.20", "/api/v1/proposals"):
        response = app.plain.http.get(path, headers=bearer)
        assert response.status_code == 403
        assert "/dci" in response.get_json()["detail"]


def test_the_standard_followed_is_served_as_vendored(app, tmp_path, monkeypatch):
    monkeypatch.setenv("DTKS_LEDGER_KEY", str(tmp_path / "absent.pem"))
    response = app.plain.http.get("/dci/spec/social_api_v1.0.0.yaml")
    assert response.status_code == 200
    assert "Interoperability APIs - Social Registry" in response.get_data(as_text=True)
    assert app.plain.http.get("/dci/spec/..%2Fhttp.py").status_code == 404
    assert app.plain.http.get("/dci/ledger-key").status_code == 404  # none set


def test_while_the_read_models_are_rebuilt_a_search_says_to_try_later(app, monkeypatch):
    def rebuilding():
        raise ReadModelsRebuilding("registry")

    projector = app.extensions["dtks_read"]().projector
    monkeypatch.setattr(projector, "ensure_current", rebuilding)
    response = app.plain.sync_search(dci.by_id("KK", "1"))
    assert error_code(response, 500) == "err.service.unavailable"
    assert response.headers["Retry-After"] == "5"
