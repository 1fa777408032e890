"""Oversight figures from the tally and activity read models, one query each."""

from __future__ import annotations

from itertools import accumulate

from events.db import ReadStore
from events.queries import LEVEL_COLUMN, region_filter


def child_column(region: str | None) -> str:
    """The column naming a region's child regions (a desa stands for itself)."""
    level = region.count(".") + 1 if region else 0
    return LEVEL_COLUMN[min(level + 1, 4)]


class OversightQueries:
    """Registry size over time and what each child region did, month by month."""

    def __init__(self, store: ReadStore):
        self.store = store

    def registered_at(self, region: str | None, days: list[str]) -> list[tuple]:
        """(families, people) registered in a region on each of `days` (ascending)."""
        where, params = region_filter(region)
        changes = self.store.query(
            f"SELECT day, SUM(families), SUM(people) FROM rm_tally WHERE {where} "
            "AND day <= ? GROUP BY day ORDER BY day",
            [*params, days[-1]],
        )
        totals = list(
            accumulate(changes, lambda a, b: (b[0], a[1] + b[1], a[2] + b[2]))
        )
        answer, i, current = [], 0, (0, 0)
        for day in days:
            while i < len(totals) and totals[i][0] <= day:
                current, i = (int(totals[i][1]), int(totals[i][2])), i + 1
            answer.append(current)
        return answer

    def activity(self, region: str | None, first: str, last: str) -> dict:
        """Per child region: counts by month and measure from `first` to `last`,
        the day of its last determined change up to `last`, and the people
        registered on `last`."""
        where, params = region_filter(region)
        child = child_column(region)
        # The children's own rows (counted per level); a desa stands for itself.
        own = "region" if region and region.count(".") == 3 else "parent"
        counts = self.store.query(
            f"SELECT region, month, measure, count FROM rm_activity "
            f"WHERE {own} = ? AND month >= ? AND month <= ?",
            [region or "", first[:7], last[:7]],
        )
        changed = self.store.query(
            f"SELECT region, MAX(day) FROM rm_changed_on WHERE {own} = ? "
            "AND day <= ? GROUP BY region",
            [region or "", last],
        )
        people = self.store.query(
            f"SELECT {child}, SUM(people) FROM rm_tally WHERE {where} AND day <= ? "
            "GROUP BY " + child,
            [*params, last],
        )
        return {
            "counts": [(c, m, name, int(n)) for c, m, name, n in counts],
            "last_change": dict(changed),
            "people": {code: int(n) for code, n in people},
        }
