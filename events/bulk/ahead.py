"""What handlers write while a bulk load projects a batch ahead, in the
preparing process: their inserts, kept instead of sent."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from events.born import BORN
from events.db import Inserts
from events.projections import TALLY

# Upserts that add their last columns to the row of the same key: a batch's
# are summed per key here (one row per desa and day, or per region, birth date,
# sex and day) instead of sent once per person.
SUMMED = {TALLY: 2, BORN: 1}


class Ahead(Inserts):
    """Stands in for a cursor while handlers project ahead: keeps their inserts."""

    def __init__(self) -> None:
        super().__init__()
        self._sums: dict[str, dict[tuple, list]] = {}

    def insert(self, statement: str, params: Sequence[Any]) -> None:
        """Queue one insert; sum an additive upsert into its key's row."""
        added = SUMMED.get(statement)
        if added is None:
            super().insert(statement, params)
            return
        key, values = tuple(params[:-added]), list(params[-added:])
        sums = self._sums.setdefault(statement, {})
        if key in sums:
            sums[key] = [a + b for a, b in zip(sums[key], values, strict=True)]
        else:
            sums[key] = values
        self.pending.setdefault(statement, [])  # keeps the statements' order

    def rows(self) -> dict[str, list]:
        """Every statement's rows, the summed ones one per key."""
        for statement, sums in self._sums.items():
            self.pending[statement] = [(*key, *values) for key, values in sums.items()]
        self._sums = {}
        return self.pending

    def execute(self, statement: str, params: Sequence[Any] = ()) -> None:
        """Handlers of bulk-loaded events only insert."""
        raise RuntimeError(f"a bulk load cannot project ahead: {statement}")
