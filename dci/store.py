"""The DCI interface's own tables, beside the read models in the same database.

Transactions, message ids, subscriptions and the outbox are operational state of
the interface, not facts of the registry: they hold search answers (personal
data) that may be purged, so they are not written to the immutable event log.
"""

from __future__ import annotations

import time
from typing import Any

import orjson

from events.db import ReadStore, ledger_lock

SERIAL = {"sqlite": "INTEGER PRIMARY KEY", "postgres": "BIGSERIAL PRIMARY KEY"}
TABLES = {
    "dci_message": "sender TEXT NOT NULL, message_id TEXT NOT NULL, "
    "received_at TEXT NOT NULL, PRIMARY KEY (sender, message_id)",
    "dci_txn": "correlation_id TEXT PRIMARY KEY, sender TEXT NOT NULL, "
    "transaction_id TEXT NOT NULL, action TEXT NOT NULL, status TEXT NOT NULL, "
    "reference_ids TEXT NOT NULL, response TEXT, created_at TEXT NOT NULL",
    "dci_subscription": "code TEXT PRIMARY KEY, sender TEXT NOT NULL, "
    "region TEXT, event_type TEXT NOT NULL, uri TEXT NOT NULL, "
    "from_position BIGINT NOT NULL, active INTEGER NOT NULL, info TEXT NOT NULL",
    "dci_outbox": "id {serial}, stream TEXT NOT NULL, uri TEXT NOT NULL, "
    "body TEXT NOT NULL, attempts INTEGER NOT NULL, next_at DOUBLE PRECISION "
    "NOT NULL, delivered_at TEXT, last_error TEXT",
    "dci_tracking": "name TEXT PRIMARY KEY, position BIGINT NOT NULL",
}
INDEXES = [
    "CREATE INDEX IF NOT EXISTS dci_txn_sender ON dci_txn (sender, transaction_id)",
    "CREATE INDEX IF NOT EXISTS dci_outbox_due ON dci_outbox "
    "(delivered_at, stream, id)",
]


def ensure(store: ReadStore) -> None:
    """Create the tables and indexes once per store (safe to run again)."""
    if getattr(store, "dci_ready", False):
        return
    with store.transaction() as cur:
        if store.dialect == "postgres":  # workers start at once: one creates
            cur.execute(ledger_lock("dci"))
        for name, columns in TABLES.items():
            columns = columns.format(serial=SERIAL[store.dialect])
            cur.execute(f"CREATE TABLE IF NOT EXISTS {name} ({columns})")
        for statement in INDEXES:
            cur.execute(statement)
    store.dci_ready = True  # type: ignore[attr-defined]


def now_iso() -> str:
    """The current UTC time, ISO 8601."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def seen(store: ReadStore, sender: str, message_id: str) -> bool:
    """True when this sender already sent a message with this id."""
    rows = store.query(
        "SELECT 1 FROM dci_message WHERE sender = ? AND message_id = ?",
        (sender, message_id),
    )
    return bool(rows)


def record(cur, sender: str, message_id: str, txn: dict) -> None:
    """Keep a message id and its transaction (call inside a transaction)."""
    cur.execute(
        "INSERT INTO dci_message (sender, message_id, received_at) VALUES (?, ?, ?)",
        (sender, message_id, now_iso()),
    )
    cur.execute(
        "INSERT INTO dci_txn (correlation_id, sender, transaction_id, action, status, "
        "reference_ids, response, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            txn["correlation_id"],
            sender,
            txn["transaction_id"],
            txn["action"],
            txn["status"],
            orjson.dumps(txn["reference_ids"]).decode(),
            orjson.dumps(txn["response"]).decode(),
            now_iso(),
        ),
    )


def enqueue(cur, stream: str, uri: str, body: dict) -> None:
    """Queue a callback for the deliverer; sent in order within its stream."""
    cur.execute(
        "INSERT INTO dci_outbox (stream, uri, body, attempts, next_at) "
        "VALUES (?, ?, ?, 0, ?)",
        (stream, uri, orjson.dumps(body).decode(), time.time()),
    )


TXN = (
    "SELECT correlation_id, transaction_id, action, status, reference_ids, response "
    "FROM dci_txn WHERE sender = ?"
)


def transactions(store: ReadStore, sender: str, kind: str, value: Any) -> list[dict]:
    """Earlier transactions of a sender, by transaction id, correlation id,
    reference ids or subscription codes (`kind`: the column, reference_id_list
    or subscription_code_list)."""
    if kind in LISTED:
        wanted = set(map(str, value if isinstance(value, list) else [value]))
        rows = store.query(f"{TXN} ORDER BY created_at", (sender,))
        found = [_txn(row) for row in rows]
        return [t for t in found if wanted & LISTED[kind](t)]
    rows = store.query(
        f"{TXN} AND {kind} = ? ORDER BY created_at", (sender, str(value))
    )
    return [_txn(row) for row in rows]


def subscription_codes(txn: dict) -> set[str]:
    """The subscription codes a subscribe made or an unsubscribe ended."""
    response = txn["response"] or {}
    made = [
        info.get("code")
        for item in response.get("subscribe_response") or []
        for info in item.get("subscriptions") or []
    ]
    ended = [status.get("code") for status in response.get("subscription_status") or []]
    return {str(code) for code in made + ended if code}


# The attribute types of a status request that name a list of values, and the
# values of a transaction each is matched against.
LISTED = {
    "reference_id_list": lambda txn: set(txn["reference_ids"]),
    "subscription_code_list": subscription_codes,
}


def _txn(row: tuple) -> dict:
    correlation_id, transaction_id, action, status, references, response = row
    return {
        "correlation_id": correlation_id,
        "transaction_id": transaction_id,
        "action": action,
        "status": status,
        "reference_ids": orjson.loads(references),
        "response": orjson.loads(response) if response else None,
    }


RETENTION_DAYS = 90
PURGES = {
    # Delivered callbacks and notifications: undelivered ones wait their turn.
    "outbox": "DELETE FROM dci_outbox WHERE delivered_at IS NOT NULL "
    "AND delivered_at < ?",
    # Transactions (their answers hold personal data), but not one whose
    # callback is still on its way: its sender may yet ask for its status.
    "transactions": "DELETE FROM dci_txn WHERE created_at < ? AND NOT EXISTS "
    "(SELECT 1 FROM dci_outbox o WHERE o.delivered_at IS NULL "
    "AND o.stream = 'txn:' || dci_txn.correlation_id)",
}


def purge(store: ReadStore, days: int, now: float | None = None) -> dict[str, int]:
    """Delete delivered outbox rows and transactions older than `days`; how many
    of each. Message ids stay (no personal data), so a repeat is still refused."""
    ensure(store)
    cutoff = time.gmtime((time.time() if now is None else now) - days * 86400)
    before = time.strftime("%Y-%m-%dT%H:%M:%SZ", cutoff)
    purged = {}
    with store.transaction() as cur:
        for name, statement in PURGES.items():
            purged[name] = cur.execute(statement, (before,)).raw.rowcount
    return purged
