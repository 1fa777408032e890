"""`dtks audit verify`: recompute every leaf and name the first thing that changed.

The log is compared leaf by leaf with the seal, and the seal with a signed
checkpoint. The seal names positions; the checkpoint, signed outside the
database, shows whether the seal itself can be trusted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from events.db import ReadStore
from events.integrity.leaf import event_leaf
from events.integrity.merkle import Tree, in_memory
from events.integrity.note import Checkpoint
from events.integrity.proofs import b64
from events.integrity.seal import seal, sealed, stored_tree

PAGE = 5000
Leaves = list[tuple[int, bytes]]  # (position, leaf hash), in log order


@dataclass(frozen=True)
class Verdict:
    """The outcome: ok, or what happened (edited, deleted, ...) and where."""

    ok: bool
    message: str
    kind: str = "ok"
    position: int | None = None

    def __str__(self) -> str:
        return ("OK: " if self.ok else "TAMPERED: ") + self.message


def log_leaves(ledger: Any) -> Leaves:
    """Every event of the log, hashed afresh, in order."""
    leaves: Leaves = []
    position = 0
    while page := ledger.recorder.select_notifications(start=position + 1, limit=PAGE):
        leaves.extend((n.id, event_leaf(n)) for n in page)
        position = page[-1].id
    return leaves


def sealed_leaves(store: ReadStore) -> Leaves:
    """Every sealed leaf, in tree order."""
    rows = store.query("SELECT position, hash FROM rm_merkle_leaf ORDER BY idx")
    return [(position, bytes(digest)) for position, digest in rows]


def compare(seal_: Leaves, log: Leaves) -> Verdict | None:
    """The first place where the log departs from the seal, or None."""
    at_seal = {digest: position for position, digest in seal_}
    in_log = {digest: position for position, digest in log}
    for i, (position, digest) in enumerate(seal_):
        if i >= len(log):
            return Verdict(
                False,
                f"truncated: the log ends before position {position}; it and the "
                f"{len(seal_) - i - 1} sealed events after it are missing",
                "truncated",
                position,
            )
        now, now_digest = log[i]
        if (now, now_digest) != (position, digest):
            return _departure(i, (position, digest), (now, now_digest), at_seal, in_log)
    return None


def _departure(i, was, now, at_seal, in_log) -> Verdict:
    (position, digest), (now_position, now_digest) = was, now
    if now_position == position:
        if now_digest in at_seal:
            return _verdict(
                "reordered",
                position,
                f"holds the event sealed at {at_seal[now_digest]}",
            )
        return _verdict("edited", position, "does not hold what was sealed there")
    if now_position > position:
        if digest in in_log:
            return _verdict("reordered", position, f"moved to {in_log[digest]}")
        return _verdict("deleted", position, f"is missing (event {i + 1} of the seal)")
    if now_digest in at_seal:
        return _verdict("reordered", now_position, "holds an event sealed elsewhere")
    return _verdict("inserted", now_position, "was not in the log when it was sealed")


def _verdict(kind: str, position: int, what: str) -> Verdict:
    return Verdict(False, f"{kind}: position {position} {what}", kind, position)


def against(checkpoint: Checkpoint, log: Leaves, log_tree: Tree) -> Verdict | None:
    """Where the log departs from a signed checkpoint, or None."""
    if len(log) < checkpoint.size:
        last = log[-1][0] if log else 0
        return Verdict(
            False,
            f"truncated: the checkpoint covers {checkpoint.size} events but the log "
            f"holds {len(log)}; every event after position {last} is missing",
            "truncated",
            last + 1,
        )
    if log_tree.root(checkpoint.size) == checkpoint.root:
        return None
    return Verdict(
        False,
        f"the first {checkpoint.size} events no longer match the checkpoint's root, "
        "and the seal was rewritten to match them, so this store cannot name the "
        "event: compare it with a backup",
        "rewritten",
    )


def _seal_intact(store: ReadStore, seal_: Leaves) -> Verdict | None:
    size = sealed(store)[0]
    if stored_tree(store).root(size) == in_memory([d for _, d in seal_]).root(size):
        return None
    return Verdict(
        False, "the seal's stored subtree hashes disagree with its leaves", "seal"
    )


def verify(ledger: Any, store: ReadStore, checkpoint: Checkpoint | None) -> Verdict:
    """Seal what is new, then check the whole log against the seal and checkpoint."""
    seal(ledger, store)
    seal_, log = sealed_leaves(store), log_leaves(ledger)
    log_tree = in_memory([d for _, d in log])
    found = compare(seal_, log) or _seal_intact(store, seal_)
    if found is None and checkpoint is not None:
        found = against(checkpoint, log, log_tree)
    if found is not None:
        return found
    signed = f"; the checkpoint of {checkpoint.size} holds" if checkpoint else ""
    root = b64(log_tree.root(len(log)))
    return Verdict(True, f"{len(log)} events match the seal (root {root}){signed}")
