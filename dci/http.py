"""/dci plumbing: the blueprint, the envelope checks every view passes through,
signed answers. Answers keep to the standard's shapes (never problem+json)."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
from collections.abc import Callable, Iterator
from functools import wraps

import orjson
import psycopg
from eventsourcing.persistence import PersistenceError
from flask import Blueprint, Response, current_app, g, request
from werkzeug.exceptions import HTTPException

from dci import callers, envelope, signing, store
from dci.envelope import Refused
from events.projector import ReadModelsRebuilding

blp = Blueprint("dci", __name__, url_prefix="/dci")
SEARCHES = ("/registry/sync/search", "/registry/search")  # rate limited
log = logging.getLogger("dtks.dci")


def read_store():
    """The read store of this worker, its read models caught up (once per
    request: the duplicate check and the view read the same state)."""
    if "dci_store" not in g:
        read_side = current_app.extensions["dtks_read"]()
        read_side.fresh()
        store.ensure(read_side.store)
        g.dci_store = read_side.store
    return g.dci_store


def _ledger():
    return current_app.extensions["dtks_ledger"]()


def answer(body: dict, status: int = 200) -> Response:
    """A JSON answer, signed with the ledger's key when it carries a header."""
    key = current_app.extensions.get("dci_key")
    if key is None:
        key = current_app.extensions["dci_key"] = signing.ledger_key() or False
    if key and "header" in body:
        kid = f"{envelope.SENDER_ID}|{signing.key_id(key)}"
        signed = signing.body_of(body["header"], body.get("message"))
        body = {"signature": signing.sign(key, kid, signed, int(time.time())), **body}
    return Response(orjson.dumps(body), status=status, mimetype="application/json")


def endpoint(path: str, reply_action: str | None):
    """Route a POST of the standard; `reply_action` names the synchronous answer
    (None: asynchronous, acknowledged)."""

    def decorate(view: Callable) -> Callable:
        @blp.post(path, endpoint=path)
        @wraps(view)
        def handled():
            g.dci_header = {}
            try:
                partner, header, message, items = _checked(path)
                return view(partner, header, message, items)
            except Refused as refused:
                body = envelope.refusal(refused, reply_action, g.dci_header)
                response = answer(body, refused.status)
                if refused.retry_after:
                    response.headers["Retry-After"] = str(refused.retry_after)
                return response

        return handled

    return decorate


def _checked(path: str):
    partner = callers.partner(_ledger())
    if path in SEARCHES:
        callers.count_search()
    body = request.get_json(silent=True)
    header, message = envelope.shape(body)
    g.dci_header = header
    callers.verify(_ledger(), partner, body, header, message)
    items = envelope.check(path, body)
    if store.seen(read_store(), partner.id, str(header["message_id"])):
        raise duplicate(header)
    return partner, header, message, items


def duplicate(header: dict) -> Refused:
    """The refusal of a message id the partner already used."""
    return Refused(
        409,
        "rjct.message_id.duplicate",
        f"message_id {header['message_id']} was already used by your system",
    )


@blp.errorhandler(HTTPException)
def transport_error(error: HTTPException):
    """Errors of HTTP itself (wrong method, body too large) in the standard's shape."""
    code = "err.request.bad" if (error.code or 500) < 500 else "err.service.unavailable"
    return _errors(error.code or 500, code, error.description or error.name)


@blp.errorhandler(ReadModelsRebuilding)
@blp.errorhandler(PersistenceError)
def unavailable(error: Exception):
    """The store is out of reach or its read models are being rebuilt: try later.

    500, not 503: the standard describes no 503 answer, and 500's shape carries
    the code err.service.unavailable.
    """
    response = _errors(
        500, "err.service.unavailable", "the registry is not available; try again"
    )
    response.headers["Retry-After"] = "5"
    return response


@blp.errorhandler(Exception)
def unexpected(error: Exception):
    """Anything else: logged with its traceback, answered without internals."""
    log.exception("unexpected error in the DCI API", exc_info=error)
    return _errors(500, "err.service.unavailable", "something went wrong on our side")


def _errors(status: int, code: str, message: str) -> Response:
    body = {"errors": [{"code": code, "message": message}]}
    return Response(orjson.dumps(body), status=status, mimetype="application/json")


def record(store_, partner, header, response, action, callback=None) -> None:
    """Keep the message id and the transaction; queue the callback if any."""
    with keeping(store_, header) as cur:
        keep(cur, partner, header, response, action, callback)


def keep(cur, partner, header, response, action, callback=None) -> None:
    """Keep a transaction with the reference ids of its items, which a status
    request may name later (call inside `keeping`)."""
    items = response.get("search_response") or response.get("subscribe_response")
    txn = {
        "correlation_id": response["correlation_id"],
        "transaction_id": response.get("transaction_id", ""),
        "action": action,
        "status": "succ",
        "reference_ids": [item.get("reference_id") for item in items or []],
        "response": response,
    }
    store.record(cur, partner.id, str(header["message_id"]), txn)
    if callback:
        store.enqueue(cur, f"txn:{txn['correlation_id']}", *callback)


@contextlib.contextmanager
def keeping(store_, header: dict) -> Iterator:
    """The write transaction of a request; a message id kept twice at once (the
    check before found none) is still a duplicate, not an error."""
    try:
        with store_.transaction() as cur:
            yield cur
    except (sqlite3.IntegrityError, psycopg.IntegrityError):
        raise duplicate(header) from None


def callback_uri(header: dict) -> str:
    """Where the callback of an asynchronous request goes."""
    uri = header.get("sender_uri")
    if not isinstance(uri, str) or not uri.startswith(("http://", "https://")):
        raise Refused(400, "err.sender_uri.invalid", "sender_uri is an http(s) URL")
    return uri


def callback(header: dict, message: dict) -> dict:
    """A callback's body: header and message."""
    return {"header": header, "message": message}
