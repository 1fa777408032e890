"""What a dinas sosial, a camat and the ministry watch: registry size over time,
and how often each child region updates it (SPEC §9, docs/OVERSIGHT.md).

The rules live here (which months, whose scope); the figures come from the read
side's tally and activity models through `self.index` (workflow/ports.py).
"""

from __future__ import annotations

import datetime as dt

from workflow.actors import Actor
from workflow.oversight import (
    MOST_MONTHS,
    month,
    month_end,
    months_between,
    per_region,
    shifted,
    without_musdes,
)
from workflow.problems import Problem
from workflow.regions import children, level_of, region_name, region_problem
from workflow.usecases.core import LedgerCore
from workflow.usecases.listing import narrowed, refuse_others

RANGE = ("region", "from", "to")


class OversightUseCases(LedgerCore):
    """Figures over a range of months for any region within the actor's scope."""

    def registry_series(self, actor: Actor, query: dict) -> dict:
        """Families and people registered at the end of each month of the range."""
        region, months = self._range(actor, query)
        days = [month_end(m) for m in months]
        counts = self._index().registered_at(region, days)
        items = [
            {"month": m, "as_of": day, "families": families, "people": people}
            for m, day, (families, people) in zip(months, days, counts, strict=True)
        ]
        return {"region": region, "from": months[0], "to": months[-1], "items": items}

    def region_activity(self, actor: Actor, query: dict) -> dict:
        """Each child region's proposals, Musdes and determined changes by month,
        ranked by update frequency; for a kecamatan, the desa without a Musdes."""
        region, months = self._range(actor, query)
        found = self._index().activity(region, months[0] + "-01", month_end(months[-1]))
        rows = per_region(_units(region), months, found)
        for row in rows:
            row["name"] = region_name(row["region"])
        desa_level = region is not None and level_of(region) >= 3
        return {
            "region": region,
            "from": months[0],
            "to": months[-1],
            "items": rows,
            "without_musdes": without_musdes(rows) if desa_level else [],
        }

    def _range(self, actor: Actor, query: dict) -> tuple[str | None, list[str]]:
        """The region (kept in scope) and the months a query asks for."""
        errors = refuse_others(query, RANGE)
        region = query.get("region") or None
        if region is not None:
            errors.add("region", region_problem(region))
        default_last = dt.date.today().isoformat()[:7]
        last = month(errors, "to", query.get("to"), default_last)
        first = month(errors, "from", query.get("from"), shifted(last, -11))
        if "from" not in errors and "to" not in errors:
            errors.add("from", _span_problem(first, last))
        errors.raise_any()
        return narrowed(actor, region), months_between(first, last)


def _units(region: str | None) -> list[str]:
    """The regions compared: the children of a region, or a desa alone."""
    if region is not None and level_of(region) == 4:
        return [region]
    return children(region)


def _span_problem(first: str, last: str) -> Problem | None:
    if first > last:
        return Problem("months.order", first=first, last=last)
    if shifted(first, MOST_MONTHS - 1) < last:
        return Problem("months.too_many", most=MOST_MONTHS)
    return None
