"""Sending the outbox: callbacks and notifications POSTed to partners' URIs,
at least once, in order within each stream, retried with exponential backoff."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable

from dci import envelope, outbox, signing, store
from events.projector import ReadModelsRebuilding

BACKOFF_BASE = 1.0  # seconds before the first retry; doubled each time
BACKOFF_CAP = 600.0
TIMEOUT = 10.0
Post = Callable[[str, bytes], int]


def backoff(attempts: int) -> float:
    """Seconds to wait after `attempts` failed tries."""
    return min(BACKOFF_BASE * 2 ** (attempts - 1), BACKOFF_CAP)


def post(uri: str, body: bytes) -> int:
    """POST JSON to a partner; the HTTP status (0 when unreachable)."""
    request = urllib.request.Request(
        uri, data=body, method="POST", headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, OSError):
        return 0


def deliver_due(db, send: Post = post, now: float | None = None) -> int:
    """Try every message due now, the first undelivered of each stream; returns
    how many were delivered."""
    now = time.time() if now is None else now
    key, delivered = signing.ledger_key(), 0
    for row_id, uri, body, attempts in _due(db, now):
        if not _claim(db, row_id, now):
            continue  # another deliverer is sending it
        status = send(uri, _signed(json.loads(body), key))
        delivered += _settle(db, row_id, status, attempts, now)
    return delivered


def _due(db, now: float) -> list[tuple]:
    """The first undelivered message of each stream, when it is due."""
    return db.query(
        "SELECT o.id, o.uri, o.body, o.attempts FROM dci_outbox o "
        "WHERE o.delivered_at IS NULL AND o.next_at <= ? AND o.id = "
        "(SELECT MIN(p.id) FROM dci_outbox p WHERE p.stream = o.stream "
        "AND p.delivered_at IS NULL) ORDER BY o.id LIMIT 100",
        (now,),
    )


def _settle(db, row_id: int, status: int, attempts: int, now: float) -> int:
    """Mark a message delivered (1), or due again after the backoff (0)."""
    with db.transaction() as cur:
        if 200 <= status < 300:
            cur.execute(
                "UPDATE dci_outbox SET delivered_at = ? WHERE id = ?",
                (store.now_iso(), row_id),
            )
            return 1
        cur.execute(
            "UPDATE dci_outbox SET attempts = ?, next_at = ?, last_error = ? "
            "WHERE id = ?",
            (attempts + 1, now + backoff(attempts + 1), f"HTTP {status}", row_id),
        )
        return 0


def _claim(db, row_id: int, now: float) -> bool:
    """Hold a message for the time one try may take; False if it was taken."""
    with db.transaction() as cur:
        cur.execute(
            "UPDATE dci_outbox SET next_at = ? WHERE id = ? AND next_at <= ? "
            "AND delivered_at IS NULL",
            (now + 3 * TIMEOUT, row_id, now),
        )
        return cur.raw.rowcount == 1


def _signed(body: dict, key) -> bytes:
    """The body signed now (a retry carries a fresh signature)."""
    if key:
        kid = f"{envelope.SENDER_ID}|{signing.key_id(key)}"
        signed = signing.body_of(body["header"], body.get("message"))
        body = {"signature": signing.sign(key, kid, signed, int(time.time())), **body}
    return json.dumps(body).encode()


def run(ledger, read_side, stop: threading.Event, poll: float = 1.0) -> None:
    """Follow the log and send the outbox until stopped (`dtks dci deliver`)."""
    store.ensure(read_side.store)
    while not stop.is_set():
        try:
            read = outbox.follow(ledger, read_side)
        except ReadModelsRebuilding:  # an upgrade rebuilds them; wait it out
            read = 0
        sent = deliver_due(read_side.store)
        if not read and not sent:
            stop.wait(poll)
