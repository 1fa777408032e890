"""Bearer tokens checked once per change of the log, not on every request.

A token's account, role and scope can change only through an event, so the
answer of the ledger's `authenticate` stays right while the log's head has not
moved: a revocation, a disabled account or any other write moves it, and the
next request asks the ledger again. A token's expiry is the one change that
comes without an event, so each entry keeps the moment its token expires, read
on the ledger's clock. Entries also lapse after a minute. Only a hash of each
token is kept, as in the store.
"""

from __future__ import annotations

import hashlib
import threading
import time
from datetime import datetime
from typing import Any

from workflow.actors import Actor

LIFETIME = 60.0  # seconds an answer is reused at most
ROOM = 10_000  # tokens remembered at once per process

_known: dict[str, tuple[Actor, int, float, datetime]] = {}
_lock = threading.Lock()


def key_of(token: str) -> str:
    """What a token is remembered and counted under: its hash, never itself."""
    return hashlib.sha256(token.encode()).hexdigest()


def actor_of(ledger: Any, token: str) -> Actor:
    """The actor a bearer token stands for; NotAuthenticated when none."""
    key = key_of(token)
    head, now = ledger.index.head(), time.monotonic()
    known = _known.get(key)
    fresh = known and known[1] == head and now - known[2] < LIFETIME
    if fresh and ledger.clock() < known[3]:
        return known[0]
    actor, expires_at = ledger.bearer(token)
    with _lock:
        if len(_known) >= ROOM:
            _known.clear()
        _known[key] = (actor, head, now, expires_at)
    return actor
