"""Every error as application/problem+json (RFC 9457), mapped in one place."""

from __future__ import annotations

import logging
import sqlite3

import psycopg
from eventsourcing.persistence import PersistenceError
from flask import Flask, Response, json, request
from werkzeug.exceptions import HTTPException

from api.access import refused
from api.limits import RateLimited
from events.projector import ReadModelsRebuilding
from workflow.errors import (
    Conflict,
    InvalidInput,
    NotAuthenticated,
    NotFound,
    OutOfScope,
    StaleVersion,
    WorkflowError,
)
from workflow.problems import LANGUAGES, Problem, worded, worded_fields

log = logging.getLogger("dtks.api")

STATUS_OF: list[tuple[type[WorkflowError], int]] = [
    (InvalidInput, 422),
    (NotAuthenticated, 401),
    (OutOfScope, 403),
    (NotFound, 404),
    (StaleVersion, 412),
    (Conflict, 409),
]
#: status -> title, in English and Indonesian
TITLES = {
    422: ("The request has invalid fields", "Isian permintaan tidak valid"),
    401: ("Authentication required", "Perlu masuk dengan token"),
    403: (
        "Not allowed for your role or region",
        "Tidak diizinkan untuk peran atau wilayah Anda",
    ),
    404: ("Not found", "Tidak ditemukan"),
    412: (
        "The record has changed since you read it",
        "Data sudah berubah sejak Anda membacanya",
    ),
    409: (
        "Conflict with the current state",
        "Bertentangan dengan keadaan data saat ini",
    ),
    429: ("Too many requests", "Terlalu banyak permintaan"),
}
OUTAGES = (PersistenceError, psycopg.OperationalError, sqlite3.OperationalError)
RETRY_AFTER = "5"  # seconds: an outage of the store is answered, and retried, fast


def problem(status: int, title: str, detail: str, **extra) -> Response:
    """A problem+json response."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    body.update(extra)
    response = Response(
        json.dumps(body), status=status, mimetype="application/problem+json"
    )
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="dtks"'
    return response


def invalid_token(description: str) -> str:
    """The challenge of RFC 6750 §3.1 for a token that was sent but does not
    serve (unknown, revoked, expired, account disabled); a request that sent
    none gets the bare challenge, as the RFC asks."""
    plain = description.encode("ascii", "replace").decode().replace('"', "'")
    plain = plain.replace("\\", "/")
    return f'Bearer realm="dtks", error="invalid_token", error_description="{plain}"'


def reader_language() -> str:
    """The language the caller reads: Indonesian when Accept-Language prefers it."""
    return request.accept_languages.best_match(LANGUAGES, default="en") or "en"


def workflow_problem(error: WorkflowError) -> Response:
    """Map a domain error to its HTTP status, worded in the caller's language."""
    status = next((s for cls, s in STATUS_OF if isinstance(error, cls)), 409)
    refused(error)
    language = reader_language()
    title = TITLES[status][LANGUAGES.index(language)]
    if not isinstance(error, InvalidInput):
        message = error.message
        coded = {"code": message.code} if isinstance(message, Problem) else {}
        response = problem(status, title, worded(message, language), **coded)
        if status == 401 and coded.get("code") != "token.missing":
            response.headers["WWW-Authenticate"] = invalid_token(worded(message, "en"))
        return response
    errors = worded_fields(error.errors, language)
    first, messages = next(iter(errors.items()))
    return problem(status, title, f"{first}: {messages[0]}", errors=errors)


def limited_problem(error: RateLimited) -> Response:
    """A token over its rate limit: 429, with when it may try again."""
    language = reader_language()
    title = TITLES[429][LANGUAGES.index(language)]
    detail = error.problem.render(language)
    response = problem(429, title, detail, code=error.problem.code)
    response.headers["Retry-After"] = str(error.retry)
    return response


def http_problem(error: HTTPException) -> Response:
    """Werkzeug's errors (400 malformed JSON, 404, 405, 413, 415) as problems."""
    response = problem(error.code or 500, error.name, error.description or error.name)
    if error.code == 405 and error.get_response().headers.get("Allow"):
        response.headers["Allow"] = error.get_response().headers["Allow"]
    return response


def store_problem(error: Exception) -> Response:
    """The store is unreachable, or did not answer within the request budget."""
    if isinstance(error, sqlite3.OperationalError) and not _busy(error):
        return unexpected_problem(error)  # a wrong statement, not an outage
    log.error("store unavailable: %s", type(error).__name__)
    response = problem(
        503,
        "Service unavailable",
        "the registry store is not reachable right now; please try again",
    )
    response.headers["Retry-After"] = RETRY_AFTER
    return response


def _busy(error: sqlite3.OperationalError) -> bool:
    return any(word in str(error) for word in ("locked", "busy"))


def rebuilding_problem(error: ReadModelsRebuilding) -> Response:
    """A read model is being rebuilt for a new version of the code."""
    response = problem(
        503,
        "Rebuilding",
        f"the read models ({error}) are being rebuilt after an upgrade; "
        "please try again in a moment",
        rebuilding=str(error).split(", "),
    )
    response.headers["Retry-After"] = "5"
    return response


def unexpected_problem(error: Exception) -> Response:
    """Anything else: logged with its traceback, answered without internals."""
    log.exception("unexpected error", exc_info=error)
    return problem(
        500, "Internal error", "something went wrong on our side; nothing was changed"
    )


def register(app: Flask) -> None:
    """Install the handlers; later registrations win over flask-smorest's own."""
    app.register_error_handler(WorkflowError, workflow_problem)
    app.register_error_handler(RateLimited, limited_problem)
    app.register_error_handler(HTTPException, http_problem)
    # The library's errors and the read models' driver errors: an outage, a
    # statement over the budget (statement_timeout) or a lock not granted.
    for outage in OUTAGES:
        app.register_error_handler(outage, store_problem)
    app.register_error_handler(ReadModelsRebuilding, rebuilding_problem)
    app.register_error_handler(Exception, unexpected_problem)
