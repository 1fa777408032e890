"""The seal kept in the database answers as the same tree built in memory."""

from __future__ import annotations

from events.db import ReadStore
from events.integrity import note
from events.integrity.leaf import event_leaf
from events.integrity.merkle import EMPTY_ROOT, in_memory
from events.integrity.proofs import checkpoint
from events.integrity.seal import seal, sealed, stored_tree
from events.integrity.verify import verify
from tests.support import make_actors


def test_sealing_in_small_batches_gives_the_tree_built_in_one_go(ledger, actors):
    make_actors(ledger)
    store = ReadStore(ledger.env)
    assert seal(ledger, store, batch=3) == sealed(store)[0] > 8
    events = ledger.recorder.select_notifications(start=1, limit=1000)
    whole, stored = in_memory([event_leaf(e) for e in events]), stored_tree(store)
    for size in range(1, len(events) + 1):
        assert stored.root(size) == whole.root(size)
        for index in (0, size // 2, size - 1):
            assert stored.inclusion(index, size) == whole.inclusion(index, size)
        assert stored.consistency(1, size) == whole.consistency(1, size)


def test_an_empty_log_has_the_empty_root_and_verifies(ledger, tmp_path):
    store = ReadStore(ledger.env)
    signed = checkpoint(ledger, store, note.create_key(tmp_path / "key.pem"))
    assert (signed.size, signed.root) == (0, EMPTY_ROOT)
    assert verify(ledger, store, signed).ok
