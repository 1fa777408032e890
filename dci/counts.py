"""How many rows match a search: counted once per question and registry state.

A programme pages through a large answer (170,000 children under five in one
kabupaten at a million people: 1,700 pages of 100), asking the same count with
every page, and counting every match took 30 ms there (bench/RESULTS.md, DCI).
So each process keeps the counts of its last questions, keyed by the position
of the registry model: any event applied to it changes the key.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from events.db import ReadStore
from events.schema import REGISTRY

KEPT = 256  # questions whose counts a process keeps, the latest asked


class Counts:
    """The counts of the latest questions asked of one read store."""

    def __init__(self) -> None:
        self._kept: OrderedDict[tuple, int] = OrderedDict()
        self._lock = threading.Lock()

    def count(self, store: ReadStore, statement: str, params: Sequence[Any]) -> int:
        """The single number `statement` selects, counted anew only when the
        registry moved since the same question was last asked."""
        position = store.query(
            "SELECT position FROM rm_model WHERE name = ?", (REGISTRY.name,)
        )
        key = (position[0][0] if position else None, statement, tuple(params))
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
        counted = store.query(statement, params)[0][0]
        with self._lock:
            self._kept[key] = counted
            while len(self._kept) > KEPT:
                self._kept.popitem(last=False)
        return counted


def counted(store: ReadStore, statement: str, params: Sequence[Any]) -> int:
    """The count `statement` selects on `store`, through the store's Counts."""
    counts = getattr(store, "dci_counts", None)
    if counts is None:
        counts = store.dci_counts = Counts()  # type: ignore[attr-defined]
    return counts.count(store, statement, params)


def forget(store: ReadStore) -> None:
    """Drop the counts kept for `store`, so that the next are counted anew."""
    store.dci_counts = Counts()  # type: ignore[attr-defined]
