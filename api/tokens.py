"""Bearer tokens checked once per change of the log, not on every request.

A token's account, role and scope can change only through an event, so the
answer of the ledger's `authenticate` stays right while the log's head has not
moved: a revocation or any other write moves it, and the next request asks the
ledger again. Entries also lapse after a minute. Only a hash of each token is
kept, as in the store.
"""

from __future__ import annotations

import hashlib
import threading
import time
from typing import Any

from workflow.actors import Actor

LIFETIME = 60.0  # seconds an answer is reused at most
ROOM = 10_000  # tokens remembered at once per process

_known: dict[str, tuple[Actor, int, float]] = {}
_lock = threading.Lock()


def actor_of(ledger: Any, token: str) -> Actor:
    """The actor a bearer token stands for; NotAuthenticated when none."""
    key = hashlib.sha256(token.encode()).hexdigest()
    head, now = ledger.index.head(), time.monotonic()
    known = _known.get(key)
    if known and known[1] == head and now - known[2] < LIFETIME:
        return known[0]
    actor = ledger.authenticate(token)
    with _lock:
        if len(_known) >= ROOM:
            _known.clear()
        _known[key] = (actor, head, now)
    return actor
