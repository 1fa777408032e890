"""Searches of the registry as of a date: SQL on the read models (rm_membership,
rm_family), never the event log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dci.counts import counted
from dci.criteria import Criteria

AS_OF = "m.valid_from <= ? AND (m.valid_to IS NULL OR m.valid_to > ?)"
LEVEL_COLUMN = {1: "province", 2: "kabkota", 3: "kecamatan", 4: "desa"}
SQL_OP = {"eq": "=", "ne": "<>", "lt": "<", "gt": ">", "le": "<=", "ge": ">="}
MEMBER_COLUMNS = (
    "m.nik, m.kk, m.desa, m.valid_from, m.name, m.birth_date, m.sex, "
    "m.relationship, m.disability, m.occupation"
)
SORT_COLUMN = {"nik": "m.nik", "kk": "m.kk", "birth_date": "m.birth_date"}
SORT_COLUMN |= {"name": "m.name", "location": "m.desa"}


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


def search(store, criteria: Criteria, region: str | None) -> tuple[list[dict], int]:
    """One page of the members or families matching, and how many match in all."""
    condition = criteria.condition
    by_id = (
        condition[0] == "cmp" and condition[1] in ("nik", "kk") and condition[2] == "eq"
    )
    scope = scope_filter(region, indexed=not by_id)
    compiler = Compiler(criteria.as_of, scope, region)
    condition = compiler.where(criteria.condition)
    where = f"{scope[0]} AND {AS_OF} AND {condition}"
    params = [*scope[1], criteria.as_of, criteria.as_of, *compiler.params]
    offset = (criteria.page_number - 1) * criteria.page_size
    if criteria.entity == "Member":
        return _members(store, criteria, where, params, offset)
    return _families(store, criteria, where, params, offset)


def _order(criteria: Criteria, tiebreak: str) -> str:
    order = [
        f"{SORT_COLUMN[name]} {direction.upper()}" for name, direction in criteria.sort
    ]
    return ", ".join([*order, tiebreak])


# Members come oldest first, then by NIK: the order of the covering index
# dci_membership_kab_born (events/schema.py), so a page of an age search over a
# kabupaten is read in index order and stops after the page, instead of sorting
# every match by NIK (bench/RESULTS.md, DCI section).
MEMBER_ORDER = "m.birth_date, m.nik"


def _members(store, criteria, where, params, offset) -> tuple[list[dict], int]:
    total = counted(
        store, f"SELECT COUNT(*) FROM rm_membership m WHERE {where}", params
    )
    # The page's NIKs first (an index can hold every column this needs), then
    # their rows: selecting every column of every match would read them all.
    page = store.query(
        f"SELECT m.nik FROM rm_membership m WHERE {where} "
        f"ORDER BY {_order(criteria, MEMBER_ORDER)} LIMIT ? OFFSET ?",
        [*params, criteria.page_size, offset],
    )
    niks = [nik for (nik,) in page]
    if not niks:
        return [], total
    rows = store.query(
        f"SELECT {MEMBER_COLUMNS} FROM rm_membership m WHERE m.nik IN "
        f"({', '.join('?' * len(niks))}) AND {AS_OF}",
        [*niks, criteria.as_of, criteria.as_of],
    )
    by_nik = {row[0]: row for row in rows}
    return [member_row(by_nik[nik]) for nik in niks], total


def _families(store, criteria, where, params, offset) -> tuple[list[dict], int]:
    total = counted(
        store, f"SELECT COUNT(DISTINCT m.kk) FROM rm_membership m WHERE {where}", params
    )
    order = _order(criteria, "m.kk")
    keys = store.query(
        f"SELECT m.kk, MIN(m.desa) FROM rm_membership m WHERE {where} GROUP BY m.kk "
        f"ORDER BY {order.replace('m.desa', 'MIN(m.desa)')} LIMIT ? OFFSET ?",
        [*params, criteria.page_size, offset],
    )
    kks = [kk for kk, _desa in keys]
    return families(store, kks, criteria.as_of), total


def families(store, kks: list[str], as_of: str) -> list[dict]:
    """The families with these No. KK as they stood on `as_of`, in that order."""
    if not kks:
        return []
    marks = ", ".join("?" * len(kks))
    rows = store.query(
        f"SELECT {MEMBER_COLUMNS} FROM rm_membership m WHERE m.kk IN ({marks}) "
        f"AND {AS_OF} ORDER BY m.kk, m.nik",
        [*kks, as_of, as_of],
    )
    addresses = dict(
        store.query(
            f"SELECT m.kk, m.address FROM rm_family m WHERE m.kk IN ({marks}) "
            f"AND {AS_OF}",
            [*kks, as_of, as_of],
        )
    )
    grouped: dict[str, list[dict]] = {kk: [] for kk in kks}
    for row in rows:
        grouped[row[1]].append(member_row(row))
    return [
        {"kk": kk, "address": addresses.get(kk), "members": grouped[kk]}
        for kk in kks
        if grouped[kk]
    ]


def member_row(row: tuple) -> dict:
    """A person's registered state as a plain dict."""
    nik, kk, desa, since, name, born, sex, relationship, disability, job = row
    return {
        "nik": nik,
        "kk": kk,
        "desa": desa,
        "registered_since": since,
        "name": name,
        "birth_date": born,
        "sex": sex,
        "relationship": relationship,
        "disability": disability,
        "occupation": job,
    }
