"""Answers from the seal: signed checkpoints, inclusion and consistency proofs."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from events.db import ReadStore
from events.integrity import note
from events.integrity.seal import prepare, seal, sealed, stored_tree
from workflow.errors import NotFound
from workflow.fields import Errors


def b64(digest: bytes) -> str:
    """A hash as proofs and checkpoints write it."""
    return base64.b64encode(digest).decode()


def latest_checkpoint(store: ReadStore) -> note.Checkpoint | None:
    """The checkpoint of the largest tree signed so far, if any."""
    prepare(store)
    rows = store.query(
        "SELECT note FROM rm_merkle_checkpoint ORDER BY size DESC LIMIT 1"
    )
    return note.parse(rows[0][0]) if rows else None


def keep_checkpoint(store: ReadStore, checkpoint: note.Checkpoint) -> None:
    """Remember a signed checkpoint (the first one of each size stays)."""
    prepare(store)
    with store.transaction() as cur:
        cur.execute(
            "INSERT INTO rm_merkle_checkpoint (size, note, signed_at) VALUES (?, ?, ?) "
            "ON CONFLICT (size) DO NOTHING",
            (checkpoint.size, checkpoint.text, dt.datetime.now(dt.UTC).isoformat()),
        )


def checkpoint(
    ledger: Any, store: ReadStore, key: Ed25519PrivateKey, size: int | None = None
) -> note.Checkpoint:
    """Seal the log and sign its tree head (of `size` leaves, default all)."""
    seal(ledger, store)
    size = sealed(store)[0] if size is None else size
    latest = latest_checkpoint(store)
    if latest is not None and latest.size == size:
        return latest
    signed = note.parse(note.sign(key, size, stored_tree(store).root(size)))
    keep_checkpoint(store, signed)
    return signed


def _sizes(*checks: tuple[str, int | None, int, int]) -> list[int]:
    """Each (name, size, lowest, highest) size, or its highest when not given."""
    errors, sizes = Errors(), []
    for name, size, low, top in checks:
        if size is not None and not low <= size <= top:
            errors.add(name, f"{name} must be from {low} to {top} (the sealed size)")
        sizes.append(top if size is None else size)
    errors.raise_any()
    return sizes


def inclusion(ledger: Any, store: ReadStore, position: int, size: int | None) -> dict:
    """The audit path of the event at `position` in the tree of `size` events."""
    seal(ledger, store)
    found = store.query(
        "SELECT idx, hash FROM rm_merkle_leaf WHERE position = ?", (position,)
    )
    if not found:
        raise NotFound("sealed event at position", position)
    index, leaf = found[0][0], bytes(found[0][1])
    (size,) = _sizes(("size", size, index + 1, sealed(store)[0]))
    tree = stored_tree(store)
    return {
        "position": position,
        "index": index,
        "size": size,
        "leaf_hash": b64(leaf),
        "root": b64(tree.root(size)),
        "proof": [b64(h) for h in tree.inclusion(index, size)],
    }


def consistency(ledger: Any, store: ReadStore, old: int, size: int | None) -> dict:
    """The proof that the tree of `old` events is a prefix of the tree of `size`."""
    seal(ledger, store)
    top = sealed(store)[0]
    size, old = _sizes(("to", size, 1, top), ("from", old, 1, min(size or top, top)))
    tree = stored_tree(store)
    return {
        "from": old,
        "to": size,
        "from_root": b64(tree.root(old)),
        "to_root": b64(tree.root(size)),
        "proof": [b64(h) for h in tree.consistency(old, size)],
    }
