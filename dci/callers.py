"""Who calls /dci: a partner's token, its search limit and its signature."""

from __future__ import annotations

import time

from flask import current_app, g, request

from api import tokens
from api.context import BEARER
from api.limits import RateLimited
from dci import signing
from dci.envelope import Refused
from workflow.errors import NotAuthenticated


def partner(ledger):
    """The partner account of the request's bearer token, or a 401/403 refusal."""
    match = BEARER.match(request.headers.get("Authorization", ""))
    try:
        if not match:
            raise NotAuthenticated("send 'Authorization: Bearer <token>'")
        caller = tokens.actor_of(ledger, match.group(1))
    except NotAuthenticated as error:
        raise Refused(401, "err.request.unauthorized", str(error)) from None
    if caller.role != "partner":
        raise Refused(
            403, "err.request.forbidden", "the DCI API is for partner accounts"
        )
    g.actor = caller  # the access log names who searched
    g.token_key = tokens.key_of(match.group(1))
    return caller


def count_search() -> None:
    """Count a search against the partner token's limit (api.limits)."""
    try:
        current_app.extensions["dtks_limiter"].check("search", g.token_key)
    except RateLimited as limited:
        raise Refused(
            429, "err.request.too_many_requests", limited.problem, limited.retry
        ) from None


def verify(ledger, partner, body: dict, header: dict, message) -> None:
    """Refuse an envelope whose signature is missing, unexpected or wrong."""
    key, signature = ledger.public_key_of(partner), body.get("signature")
    if signature in (None, ""):
        if key:
            raise Refused(
                401, "err.signature.missing", "your system must sign messages"
            )
        return
    if not key:
        raise Refused(
            401, "err.signature.invalid", "no public key is registered for you"
        )
    try:
        signing.verify(
            key, str(signature), signing.body_of(header, message), int(time.time())
        )
    except signing.BadSignature as bad:
        raise Refused(401, bad.code, bad.message) from None
