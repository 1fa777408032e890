"""The condition tree of a search as SQL on rm_membership `m` as of a date: a
birth-date range for an age, the column of a region's level for a location."""

from __future__ import annotations

import datetime as dt
from typing import Any

AS_OF = "m.valid_from <= ? AND (m.valid_to IS NULL OR m.valid_to > ?)"
LEVEL_COLUMN = {1: "province", 2: "kabkota", 3: "kecamatan", 4: "desa"}
SQL_OP = {"eq": "=", "ne": "<>", "lt": "<", "gt": ">", "le": "<=", "ge": ">="}


def scope_filter(region: str | None, indexed: bool = True) -> tuple[str, list]:
    """An equality on the column of the region's level (none: national).

    Not `indexed` when an identifier leads the search: the region's index would
    otherwise be chosen to scan a whole kabupaten for one NIK.
    """
    if not region:
        return "1 = 1", []
    column = f"m.{LEVEL_COLUMN[region.count('.') + 1]}"
    return (f"{column} = ?" if indexed else f"({column} || '') = ?"), [region]


class Compiler:
    """Turns a condition tree into a WHERE clause on rm_membership `m`."""

    def __init__(self, as_of: str, scope: tuple[str, list], region: str | None):
        self.as_of, self.scope, self.region = as_of, scope, region
        self.params: list[Any] = []

    def where(self, node: tuple) -> str:
        """The SQL of one node; its parameters are appended to self.params."""
        kind = node[0]
        if kind == "none":
            return "1 = 0"
        if kind in ("and", "or"):
            joined = f" {kind.upper()} ".join(self.where(part) for part in node[1])
            return f"({joined})"
        if kind == "not":
            return f"NOT ({self.where(node[1])})"
        return self._comparison(*node[1:])

    def _comparison(self, name: str, op: str, value: Any) -> str:
        if op == "in":
            return (
                "(" + " OR ".join(self._comparison(name, "eq", v) for v in value) + ")"
            )
        if name == "age":
            return self._age(op, value)
        if name == "group_size":
            return self._group_size(op, value)
        column = f"m.{name}"
        if name == "location":
            if op == "eq" and _contains(value, self.region):
                # True of every row the scope lets through; said again, SQLite
                # would test it per row (a fifth of a kabupaten count's time).
                return "1 = 1"
            column = f"m.{LEVEL_COLUMN[value.count('.') + 1]}"
        self.params.append(value)
        return f"{column} {SQL_OP[op]} ?"

    def _age(self, op: str, years: int) -> str:
        """Age on the as-of date, as a range of birth dates (so an index can serve)."""
        # Born after this day: younger than `years` on the as-of date.
        if op == "eq":
            return f"({self._age('ge', years)} AND {self._age('lt', years + 1)})"
        if op == "ne":
            return f"NOT {self._age('eq', years)}"
        if op in ("le", "gt"):
            op, years = ("lt" if op == "le" else "ge"), years + 1
        self.params.append(_years_before(self.as_of, years))
        return "m.birth_date > ?" if op == "lt" else "m.birth_date <= ?"

    def _group_size(self, op: str, size: int) -> str:
        scope, params = self.scope
        self.params += [*params, self.as_of, self.as_of, size]
        return (
            f"m.kk IN (SELECT m.kk FROM rm_membership m WHERE {scope} AND {AS_OF} "
            f"GROUP BY m.kk HAVING COUNT(*) {SQL_OP[op]} ?)"
        )


def _contains(code: str, region: str | None) -> bool:
    """Whether region `code` is the scope `region` or contains it."""
    return bool(region) and (region == code or region.startswith(code + "."))


def _years_before(day: str, years: int) -> str:
    date = dt.date.fromisoformat(day)
    try:
        return date.replace(year=date.year - years).isoformat()
    except ValueError:  # 29 February in a year without one
        return date.replace(year=date.year - years, day=28).isoformat()
