"""The oversight measures: months of a range, figures per month, update frequency.

A region's update frequency over a range of months is, first, how many of
those months saw at least one determined change in it, then how many changes
were determined per 1,000 people registered at the end of the range. Siblings
are ranked by it, most frequent first; equal measures share a rank.
"""

from __future__ import annotations

import calendar
import re
from functools import lru_cache
from typing import Any

from workflow.drafts import KINDS
from workflow.fields import Errors
from workflow.problems import Problem

MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")  # ASCII digits only
MOST_MONTHS = 120
FIGURES = ("submitted", "determined", "rejected")


def month(errors: Errors, field: str, value: Any, default: str) -> str:
    """A month written YYYY-MM, or the default when none is given."""
    if value in (None, ""):
        return default
    if (
        not isinstance(value, str)
        or not MONTH.fullmatch(value)
        or not 1 <= int(value[5:]) <= 12
        or value < "1900"
    ):
        errors.add(field, Problem("month.invalid", value=value))
        return default
    return value


def months_between(first: str, last: str) -> list[str]:
    """Every month from `first` to `last`, both included."""
    year, number = int(first[:4]), int(first[5:])
    found = []
    while f"{year:04d}-{number:02d}" <= last:
        found.append(f"{year:04d}-{number:02d}")
        year, number = (year + 1, 1) if number == 12 else (year, number + 1)
    return found


def shifted(value: str, months: int) -> str:
    """The month `months` after (or before, when negative) a YYYY-MM month."""
    index = int(value[:4]) * 12 + int(value[5:]) - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_end(value: str) -> str:
    """The last day of a YYYY-MM month."""
    days = calendar.monthrange(int(value[:4]), int(value[5:]))[1]
    return f"{value}-{days:02d}"


def _empty_month(name: str) -> dict:
    figures: dict[str, Any] = {
        figure: {**dict.fromkeys(KINDS, 0), "removal_reasons": {}} for figure in FIGURES
    }
    return {"month": name, **figures, "musdes": 0}


@lru_cache(maxsize=256)
def _parts(measure: str) -> tuple[str, str, str | None]:
    """(figure, kind, reason) of a measure; there are a few dozen."""
    figure, kind, *reason = measure.split(":")
    return figure, kind, reason[0] if reason else None


def _add(entry: dict, measure: str, count: int) -> None:
    """Add one counted measure (`determined:remove:deceased`, `musdes`)."""
    if measure == "musdes":
        entry["musdes"] += count
        return
    figure, kind, reason = _parts(measure)
    entry[figure][kind] += count
    if reason:
        reasons = entry[figure]["removal_reasons"]
        reasons[reason] = reasons.get(reason, 0) + count


def per_region(units: list[str], months: list[str], found: dict) -> list[dict]:
    """Each unit's figures month by month, its update frequency and its rank."""
    table = {u: {m: _empty_month(m) for m in months} for u in units}
    for unit, name, measure, count in found["counts"]:
        if unit in table and name in table[unit]:
            _add(table[unit][name], measure, count)
    rows = [_frequency(u, list(table[u].values()), found) for u in units]
    return ranked(rows)


def _frequency(unit: str, months: list[dict], found: dict) -> dict:
    changes = [sum(m["determined"][k] for k in KINDS) for m in months]
    people = found["people"].get(unit, 0)
    return {
        "region": unit,
        "people": people,
        "changes": sum(changes),
        "months_with_changes": sum(1 for c in changes if c),
        "changes_per_1000": round(sum(changes) * 1000 / max(people, 1), 2),
        "last_change_on": found["last_change"].get(unit),
        "months": months,
    }


def ranked(rows: list[dict]) -> list[dict]:
    """Rows with their rank by update frequency: 1 is the most frequent."""
    keys = [(r["months_with_changes"], r["changes_per_1000"]) for r in rows]
    for row, key in zip(rows, keys, strict=True):
        row["rank"] = 1 + sum(1 for other in keys if other > key)
    return sorted(rows, key=lambda r: (r["rank"], r["region"]))


def laggards(rows: list[dict]) -> set[str]:
    """The regions in the bottom quarter of a ranking (at least the last one);
    none when all rank equal, as no region then lags behind another."""
    ranks = sorted(row["rank"] for row in rows)
    if len(ranks) < 2:
        return set()
    worst = ranks[-max(1, len(ranks) // 4)]
    return {row["region"] for row in rows if row["rank"] >= max(worst, 2)}


def without_musdes(rows: list[dict]) -> list[dict]:
    """Per month, the units (desa) that held no Musdes/Muskel in it."""
    if not rows:
        return []
    months = [m["month"] for m in rows[0]["months"]]
    return [
        {
            "month": name,
            "desa": sorted(r["region"] for r in rows if r["months"][i]["musdes"] == 0),
        }
        for i, name in enumerate(months)
    ]
