"""/dci searches and transaction status: each view calls one operation."""

from __future__ import annotations

from flask import Response, abort

from api import access
from dci import envelope, http, service, signing, standard, store


@http.endpoint("/registry/sync/search", "on-search")
def sync_search(partner, header, message, items):
    """Search the registry and answer at once."""
    store_ = http.read_store()
    response = service.search_message(store_, partner.region, header, message, items)
    _note_found(response)
    status = "succ" if service.succeeded(response) else "rjct"
    if status == "succ":
        http.record(store_, partner, header, response, "search")
    count = len(response["search_response"])
    reply = envelope.reply_header(
        "on-search", header, status, total_count=count, completed_count=count
    )
    return http.answer({"header": reply, "message": response})


@http.endpoint("/registry/search", None)
def async_search(partner, header, message, items):
    """Acknowledge a search at once; its answer goes to sender_uri (on-search)."""
    uri = http.callback_uri(header)
    store_ = http.read_store()
    response = service.search_message(store_, partner.region, header, message, items)
    _note_found(response)
    count = len(response["search_response"])
    status = "succ" if service.succeeded(response) else "rjct"
    reply = envelope.reply_header(
        "on-search", header, status, total_count=count, completed_count=count
    )
    http.record(
        store_,
        partner,
        header,
        response,
        "search",
        (uri, http.callback(reply, response)),
    )
    return http.answer(envelope.ack(response["correlation_id"]))


@http.endpoint("/registry/sync/txn/status", "txn-on-status")
def sync_status(partner, header, message, items):
    """The status of an earlier transaction, at once."""
    response = service.status_message(http.read_store(), partner.id, message)
    reply = envelope.reply_header("txn-on-status", header, "succ", total_count=1)
    return http.answer({"header": reply, "message": response})


@http.endpoint("/registry/txn/status", None)
def async_status(partner, header, message, items):
    """Acknowledge a status request; the status goes to sender_uri (txn-on-status)."""
    uri = http.callback_uri(header)
    store_ = http.read_store()
    response = service.status_message(store_, partner.id, message)
    reply = envelope.reply_header("txn-on-status", header, "succ", total_count=1)
    with store_.transaction() as cur:
        store.enqueue(
            cur,
            f"txn:{response['correlation_id']}",
            uri,
            http.callback(reply, response),
        )
    return http.answer(envelope.ack(response["correlation_id"]))


@http.blp.get("/spec/<name>")
def spec(name: str):
    """The standard's description this service follows, as vendored."""
    if name not in (standard.SOCIAL, standard.CORE):
        abort(404)
    text = (standard.SPEC_DIR / name).read_text(encoding="utf-8")
    return Response(text, mimetype="application/yaml")


@http.blp.get("/ledger-key")
def ledger_key():
    """The public key that verifies our answers and callbacks (PEM)."""
    key = signing.ledger_key()
    if key is None:
        abort(404, "no ledger key is configured (DTKS_LEDGER_KEY)")
    return Response(signing.public_pem(key), mimetype="application/x-pem-file")


from dci import subscribe_views  # noqa: E402, F401  (registers its routes)
from dci.http import blp  # noqa: E402, F401  (what the app registers)


def _note_found(response: dict) -> None:
    """Record in the access log whose records a search handed to the partner:
    one entry per person (a family: each of its members), with the person's
    No. KK and desa, so that a regional auditor sees it too."""
    for item in response["search_response"]:
        for record in (item.get("data") or {}).get("reg_records", []):
            for person in record.get("member_list", [record]):
                access.note(
                    nik=_identifier(person["member_identifier"]),
                    kk=_identifier(person["group_identifier"]),
                    region=person["location"],
                )


def _identifier(listed: list[dict]) -> str:
    """The value of the first identifier of a list (dci/records.py gives one)."""
    return listed[0]["identifier_value"]
