"""What a process keeps of the searches it answered, per registry state: how
many rows matched each question, and where each page of it ended.

A programme pages through a large answer (170,000 children under five in one
kabupaten at a million people: 1,700 pages of 100), asking the same count with
every page, and page n+1 would read every index entry before its offset. So
each process keeps the counts of its last questions and the last sort key of
each page served, keyed by the position of the registry model: any event
applied to it changes the key, and nothing kept of an older state is used.
"""

from __future__ import annotations

import bisect
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from events.db import ReadStore
from events.schema import REGISTRY

KEPT = 256  # questions whose counts and page ends a process keeps, the latest
MARKS = 64  # page ends kept per question, the latest


def position(store: ReadStore) -> int | None:
    """The registry model's position: what the kept counts and marks are of."""
    found = store.query(
        "SELECT position FROM rm_model WHERE name = ?", (REGISTRY.name,)
    )
    return found[0][0] if found else None


class Counts:
    """The counts of the latest questions asked of one read store."""

    def __init__(self) -> None:
        self._kept: OrderedDict[tuple, int] = OrderedDict()
        self._lock = threading.Lock()

    def count(self, store: ReadStore, statement: str, params: Sequence[Any]) -> int:
        """The single number `statement` selects, counted anew only when the
        registry moved since the same question was last asked."""
        key = (position(store), statement, tuple(params))
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


class Marks:
    """Where pages of the latest questions ended: {rank: sort key of the row at
    that rank}, rank counting the rows from the first (1-based)."""

    def __init__(self) -> None:
        self._kept: OrderedDict[tuple, dict[int, tuple]] = OrderedDict()
        self._lock = threading.Lock()

    def before(self, question: tuple, offset: int) -> tuple[int, tuple] | None:
        """The latest-ranked mark at or before `offset`, and its key, if any."""
        with self._lock:
            marks = self._kept.get(question)
            if not marks:
                return None
            self._kept.move_to_end(question)
            ranks = sorted(marks)
            at = bisect.bisect_right(ranks, offset)
            return (ranks[at - 1], marks[ranks[at - 1]]) if at else None

    def keep(self, question: tuple, rank: int, key: tuple) -> None:
        """Note that the row at `rank` of the question's answer has sort key `key`."""
        with self._lock:
            marks = self._kept.setdefault(question, {})
            self._kept.move_to_end(question)
            marks.pop(rank, None)
            marks[rank] = key
            while len(marks) > MARKS:
                marks.pop(next(iter(marks)))
            while len(self._kept) > KEPT:
                self._kept.popitem(last=False)


def counted(store: ReadStore, statement: str, params: Sequence[Any]) -> int:
    """The count `statement` selects on `store`, through the store's Counts."""
    counts = getattr(store, "dci_counts", None)
    if counts is None:
        counts = store.dci_counts = Counts()  # type: ignore[attr-defined]
    return counts.count(store, statement, params)


def marks(store: ReadStore) -> Marks:
    """The page ends kept for `store`."""
    kept = getattr(store, "dci_marks", None)
    if kept is None:
        kept = store.dci_marks = Marks()  # type: ignore[attr-defined]
    return kept


def forget(store: ReadStore) -> None:
    """Drop the counts and page ends kept for `store`: the next are found anew."""
    store.dci_counts = Counts()  # type: ignore[attr-defined]
    store.dci_marks = Marks()  # type: ignore[attr-defined]
