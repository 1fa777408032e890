"""`dtks audit verify`: recompute every leaf and name the first thing that changed.

The log and the seal are read side by side, a page at a time, and compared
leaf by leaf, while the tree head is recomputed in O(log n) memory; then the
head is checked against a signed checkpoint. The seal names positions; the
checkpoint, signed outside the database, shows whether the seal itself can be
trusted.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import zip_longest
from typing import Any

from events.db import ReadStore
from events.integrity.leaf import event_leaf
from events.integrity.merkle import CompactRange
from events.integrity.note import Checkpoint
from events.integrity.proofs import b64
from events.integrity.seal import seal, sealed, stored_tree

PAGE = 5000
Leaf = tuple[int, bytes]  # (position, leaf hash)


@dataclass(frozen=True)
class Verdict:
    """The outcome: ok, or what happened (edited, deleted, ...) and where."""

    ok: bool
    message: str
    kind: str = "ok"
    position: int | None = None

    def __str__(self) -> str:
        return ("OK: " if self.ok else "TAMPERED: ") + self.message


def logged(ledger: Any) -> Iterator[Leaf]:
    """Every event of the log, hashed afresh, in order."""
    position = 0
    while page := ledger.recorder.select_notifications(start=position + 1, limit=PAGE):
        yield from ((n.id, event_leaf(n)) for n in page)
        position = page[-1].id


def sealed_leaves(store: ReadStore) -> Iterator[Leaf]:
    """Every sealed leaf, in tree order."""
    index = 0
    while rows := store.query(
        "SELECT position, hash FROM rm_merkle_leaf WHERE idx >= ? ORDER BY idx LIMIT ?",
        (index, PAGE),
    ):
        yield from ((position, bytes(digest)) for position, digest in rows)
        index += len(rows)


def _verdict(kind: str, position: int, what: str) -> Verdict:
    return Verdict(False, f"{kind}: position {position} {what}", kind, position)


class Walk:
    """One pass over the seal and the log together."""

    def __init__(self, ledger: Any, store: ReadStore, checkpoint_size: int = 0):
        self.ledger, self.store = ledger, store
        self.tree, self.last = CompactRange(), 0
        self.checkpoint_size = checkpoint_size
        self.at_checkpoint = self.tree.root() if checkpoint_size == 0 else b""

    def run(self, size: int) -> Verdict | None:
        """The first departure of the log from the seal of `size` leaves, or None.

        Events recorded after the seal was brought up to date are left for next
        time: they are new, not changed.
        """
        pairs = zip_longest(sealed_leaves(self.store), logged(self.ledger))
        for i, (was, now) in enumerate(pairs):
            if was is None:
                return None
            if now is None:
                after = f"and the {size - i - 1} sealed events after it are missing"
                return _verdict("truncated", was[0], f"{after}: the log ends before it")
            if was != now:
                return self.departure(i, was, now)
            self.add(now)
        return None

    def add(self, leaf: Leaf) -> None:
        """Count one more event that matches its seal."""
        self.tree.append(leaf[1])
        self.last = leaf[0]
        if self.tree.count == self.checkpoint_size:
            self.at_checkpoint = self.tree.root()

    def departure(self, i: int, was: Leaf, now: Leaf) -> Verdict:
        """What happened at the first leaf that differs from its seal."""
        (position, _), (now_position, now_digest) = was, now
        if now_position > position:
            return self.gone(i, was)
        sealed_at = self.sealed_at(now_digest)
        if sealed_at is not None:
            where = f"holds the event sealed at {sealed_at}"
            return _verdict("reordered", now_position, where)
        if now_position == position:
            return _verdict("edited", position, "does not hold what was sealed there")
        return _verdict(
            "inserted", now_position, "was not in the log when it was sealed"
        )

    def gone(self, i: int, was: Leaf) -> Verdict:
        """A sealed event is no longer at its position: moved, or deleted."""
        position, digest = was
        moved_to = next((p for p, d in logged(self.ledger) if d == digest), None)
        if moved_to is not None:
            return _verdict("reordered", position, f"moved to {moved_to}")
        return _verdict("deleted", position, f"is missing (event {i + 1} of the seal)")

    def sealed_at(self, digest: bytes) -> int | None:
        """Where an event was sealed, if anywhere (a scan: only on a departure)."""
        rows = self.store.query(
            "SELECT position FROM rm_merkle_leaf WHERE hash = ?", (digest,)
        )
        return rows[0][0] if rows else None


def against(checkpoint: Checkpoint, walk: Walk) -> Verdict | None:
    """Where the log departs from a signed checkpoint, or None."""
    if walk.tree.count < checkpoint.size:
        return Verdict(
            False,
            f"truncated: the checkpoint covers {checkpoint.size} events but the log "
            f"holds {walk.tree.count}; every event after position {walk.last} is "
            "missing",
            "truncated",
            walk.last + 1,
        )
    if walk.at_checkpoint == checkpoint.root:
        return None
    return Verdict(
        False,
        f"the first {checkpoint.size} events no longer match the checkpoint's root, "
        "and the seal was rewritten to match them, so this store cannot name the "
        "event: compare it with a backup",
        "rewritten",
    )


def verify(ledger: Any, store: ReadStore, checkpoint: Checkpoint | None) -> Verdict:
    """Seal what is new, then check the whole log against the seal and checkpoint."""
    seal(ledger, store)
    size = sealed(store)[0]
    walk = Walk(ledger, store, checkpoint.size if checkpoint else 0)
    found = walk.run(size)
    if found is None and stored_tree(store).root(size) != walk.tree.root():
        found = Verdict(
            False, "the seal's stored subtree hashes disagree with its leaves", "seal"
        )
    if found is None and checkpoint is not None:
        found = against(checkpoint, walk)
    if found is not None:
        return found
    signed = f"; the checkpoint of {checkpoint.size} holds" if checkpoint else ""
    root = b64(walk.tree.root())
    return Verdict(True, f"{size} events match the seal (root {root}){signed}")
