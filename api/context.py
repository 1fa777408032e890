"""Per-request helpers: the ledger of this worker, the actor, versions, keys."""

from __future__ import annotations

import hashlib
import json
import re
from functools import wraps

from flask import current_app, g, request
from werkzeug.exceptions import BadRequest, UnsupportedMediaType

from api import tokens
from workflow.actors import Actor, role_required
from workflow.app import Ledger
from workflow.errors import InvalidInput, NotAuthenticated, OutOfScope
from workflow.problems import Problem
from workflow.usecases.core import KeyedRequest

BEARER = re.compile(r"Bearer\s+(\S+)\s*$", re.IGNORECASE)
ETAG = re.compile(r'\s*(?:W/)?"?(\d+)"?\s*$')
# No request of the API nests deeper than a handful of levels; a deep body only
# costs the parser and the validators stack and time.
MAX_DEPTH = 32
TOO_DEEP = object()


def ledger() -> Ledger:
    """The ledger of this worker process (opened on first use, after any fork)."""
    return current_app.extensions["dtks_ledger"]()


def authenticate() -> None:
    """Resolve the bearer token of the request into g.actor, or raise 401."""
    header = request.headers.get("Authorization", "")
    match = BEARER.match(header)
    if not match:
        raise NotAuthenticated(Problem("token.missing"))
    g.actor = tokens.actor_of(ledger(), match.group(1))
    if g.actor.role == "partner" and request.path != "/api/v1/users/me":
        raise OutOfScope("a partner system uses the DCI API under /dci")
    g.token_key = tokens.key_of(match.group(1))


def limit_rate(kind: str | None) -> None:
    """Count the request against its token's limit of `kind`; 429 when over."""
    if kind is not None:
        current_app.extensions["dtks_limiter"].check(kind, g.token_key)


def actor() -> Actor:
    """The authenticated actor of this request."""
    return g.actor


def allowed(*roles: str):
    """Refuse the request (403) unless the actor has one of these roles.

    Runs before the body is read, so a request of the wrong role is refused as
    such even when its body is malformed.
    """

    def decorate(view):
        @wraps(view)
        def checked(*args, **kwargs):
            if g.actor.role not in roles:
                raise OutOfScope(role_required(g.actor.role, roles))
            return view(*args, **kwargs)

        return checked

    return decorate


def body() -> object:
    """The JSON body: 415 when it is not JSON, 400 when it is malformed."""
    if not request.is_json:
        raise UnsupportedMediaType(
            "send the body as JSON, with the header Content-Type: application/json"
        )
    raw = request.get_data(cache=True)
    try:
        parsed = json.loads(raw) if raw else None
    except ValueError as error:
        raise BadRequest(f"the body is not valid JSON: {error}") from None
    except RecursionError:  # deeper than Python's own parser goes
        parsed = TOO_DEEP
    if parsed is TOO_DEEP or _deeper(parsed):
        raise BadRequest(f"the body is nested more than {MAX_DEPTH} levels deep")
    return parsed


def _deeper(value: object, limit: int = MAX_DEPTH) -> bool:
    """Whether lists and objects nest more than `limit` levels (no recursion)."""
    level = [value]
    for _ in range(limit):
        level = [
            inner
            for outer in level
            if isinstance(outer, dict | list)
            for inner in (outer.values() if isinstance(outer, dict) else outer)
        ]
        if not level:
            return False
    return any(isinstance(item, dict | list) for item in level)


def expected_version() -> int | None:
    """The version named by If-Match (None when absent or '*')."""
    header = request.headers.get("If-Match")
    if header is None or header.strip() == "*":
        return None
    match = ETAG.match(header)
    return int(match.group(1)) if match else -1


def etag(version: int) -> dict[str, str]:
    """The ETag header of a record at a version."""
    return {"ETag": f'"{version}"'}


def keyed(view):
    """Honour Idempotency-Key: a repeat of the same request returns the first result."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        key = request.headers.get("Idempotency-Key")
        if key is None:
            return view(*args, **kwargs)
        if not 1 <= len(key) <= 200:
            raise InvalidInput({"Idempotency-Key": [Problem("idempotency.length")]})
        digest = hashlib.sha256()
        for part in (request.method, request.path, request.get_data()):
            digest.update(part if isinstance(part, bytes) else part.encode())
        keyed_request = KeyedRequest(g.actor.stamp(), key, digest.hexdigest())
        with ledger().idempotent(keyed_request):
            return view(*args, **kwargs)

    wrapper.idempotent = True  # type: ignore[attr-defined]  # read by api.docs
    return wrapper
