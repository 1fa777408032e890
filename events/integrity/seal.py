"""The seal: every event of the log, in log order, as a leaf of one Merkle tree.

Kept in the read-model database like a projection: leaves (index, position,
hash), the hash of every complete subtree (about one row per leaf), and a
tracking row, written in one transaction per batch. Sealing only ever appends
events recorded after the last sealed position; it never rewrites a leaf, so
an edit of an older event cannot be sealed over.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from events.db import ReadStore, ledger_lock
from events.integrity.leaf import event_leaf
from events.integrity.merkle import Tree, node_hash

BATCH = 5000
NAME = "merkle"
_READY: weakref.WeakSet[ReadStore] = weakref.WeakSet()


def _tables(blob: str) -> tuple[str, ...]:
    return (
        "CREATE TABLE IF NOT EXISTS rm_merkle_leaf (idx BIGINT PRIMARY KEY, "
        f"position BIGINT NOT NULL UNIQUE, hash {blob} NOT NULL)",
        "CREATE TABLE IF NOT EXISTS rm_merkle_node (level INTEGER NOT NULL, "
        f"idx BIGINT NOT NULL, hash {blob} NOT NULL, PRIMARY KEY (level, idx))",
        "CREATE TABLE IF NOT EXISTS rm_merkle_tracking (name TEXT PRIMARY KEY, "
        "size BIGINT NOT NULL, position BIGINT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS rm_merkle_checkpoint (size BIGINT PRIMARY KEY, "
        "note TEXT NOT NULL, signed_at TEXT NOT NULL)",
    )


def _lock(store: ReadStore, cur) -> None:
    """Serialise sealers on PostgreSQL (SQLite's BEGIN IMMEDIATE already does)."""
    if store.dialect == "postgres":
        cur.execute(ledger_lock("merkle"))


def prepare(store: ReadStore) -> None:
    """Create the seal's tables and tracking row, once per store object."""
    if store in _READY:
        return
    blob = "BYTEA" if store.dialect == "postgres" else "BLOB"
    with store.transaction() as cur:
        _lock(store, cur)
        for statement in _tables(blob):
            cur.execute(statement)
        cur.execute(
            "INSERT INTO rm_merkle_tracking (name, size, position) VALUES (?, 0, 0) "
            "ON CONFLICT (name) DO NOTHING",
            (NAME,),
        )
    _READY.add(store)


def sealed(store: ReadStore) -> tuple[int, int]:
    """The size of the sealed tree and the last position sealed."""
    prepare(store)
    size, position = store.query(
        "SELECT size, position FROM rm_merkle_tracking WHERE name = ?", (NAME,)
    )[0]
    return size, position


def seal(ledger: Any, store: ReadStore, batch: int = BATCH) -> int:
    """Append every event recorded after the last sealed one; returns how many."""
    added = 0
    while sealed(store)[1] < (ledger.recorder.max_notification_id() or 0):
        with store.transaction() as cur:
            _lock(store, cur)
            size, position = cur.execute(
                "SELECT size, position FROM rm_merkle_tracking WHERE name = ?", (NAME,)
            ).fetchone()
            found = ledger.recorder.select_notifications(
                start=position + 1, limit=batch
            )
            if not found:
                break
            _append(cur, size, found)
        added += len(found)
    return added


def _append(cur, size: int, found: list) -> None:
    leaves = [event_leaf(n) for n in found]
    cur.executemany(
        "INSERT INTO rm_merkle_leaf (idx, position, hash) VALUES (?, ?, ?)",
        [
            (size + i, n.id, h)
            for i, (n, h) in enumerate(zip(found, leaves, strict=True))
        ],
    )
    cur.executemany(
        "INSERT INTO rm_merkle_node (level, idx, hash) VALUES (?, ?, ?) "
        "ON CONFLICT (level, idx) DO NOTHING",
        _completed(cur, size, leaves),
    )
    cur.execute(
        "UPDATE rm_merkle_tracking SET size = ?, position = ? WHERE name = ?",
        (size + len(leaves), found[-1].id, NAME),
    )


def _completed(cur, size: int, leaves: list[bytes]) -> list[tuple[int, int, bytes]]:
    """The complete subtrees that the new leaves finish, level by level.

    Only the left child of a level's first new node can be an older subtree;
    it is read back from the database.
    """
    end, rows = size + len(leaves), []
    below = dict(enumerate(leaves, start=size))
    level = 1
    while end >> level:
        above = {}
        for j in range(size >> level, end >> level):
            left = below.get(2 * j) or _stored(_rows(cur), level - 1, 2 * j)
            above[j] = node_hash(left, below[2 * j + 1])
        rows.extend((level, j, h) for j, h in above.items())
        below, level = above, level + 1
    return rows


def _rows(cur) -> Callable[[str, tuple], list[tuple]]:
    return lambda statement, params: cur.execute(statement, params).fetchall()


def _stored(rows: Callable[[str, tuple], list[tuple]], level: int, index: int) -> bytes:
    if level == 0:
        found = rows("SELECT hash FROM rm_merkle_leaf WHERE idx = ?", (index,))
    else:
        found = rows(
            "SELECT hash FROM rm_merkle_node WHERE level = ? AND idx = ?",
            (level, index),
        )
    if not found:
        raise LookupError(f"the seal has no subtree at level {level}, index {index}")
    return bytes(found[0][0])


def stored_tree(store: ReadStore) -> Tree:
    """The sealed tree, read from its stored subtree hashes (cached per call site)."""
    cache: dict[tuple[int, int], bytes] = {}

    def perfect(level: int, index: int) -> bytes:
        """One complete subtree's hash, read once."""
        if (level, index) not in cache:
            cache[level, index] = _stored(store.query, level, index)
        return cache[level, index]

    return Tree(perfect)
