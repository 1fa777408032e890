"""Searches of the registry as of a date: SQL on the read models (rm_membership,
rm_family), never the event log."""

from __future__ import annotations

from dci.counts import counted
from dci.criteria import Criteria
from dci.pages import Page, identifiers
from dci.tally import tally_count
from dci.where import AS_OF, Compiler, scope_filter

MEMBER_COLUMNS = (
    "m.nik, m.kk, m.desa, m.valid_from, m.name, m.birth_date, m.sex, "
    "m.relationship, m.disability, m.occupation"
)
SORT_COLUMN = {"nik": "m.nik", "kk": "m.kk", "birth_date": "m.birth_date"}
SORT_COLUMN |= {"name": "m.name", "location": "m.desa"}


def where_of(criteria: Criteria, region: str | None) -> tuple[str, list]:
    """The WHERE clause on rm_membership `m` of the rows matching, and its
    parameters: within the region, registered on the as-of date."""
    condition = criteria.condition
    by_id = (
        condition[0] == "cmp" and condition[1] in ("nik", "kk") and condition[2] == "eq"
    )
    scope = scope_filter(region, indexed=not by_id)
    compiler = Compiler(criteria.as_of, scope, region)
    condition = compiler.where(criteria.condition)
    where = f"{scope[0]} AND {AS_OF} AND {condition}"
    return where, [*scope[1], criteria.as_of, criteria.as_of, *compiler.params]


def search(store, criteria: Criteria, region: str | None) -> tuple[list[dict], int]:
    """One page of the members or families matching, and how many match in all."""
    where, params = where_of(criteria, region)
    offset = (criteria.page_number - 1) * criteria.page_size
    if criteria.entity == "Member":
        tallied = tally_count(criteria.condition, criteria.as_of, region)
        rows = (f"SELECT COUNT(*) FROM rm_membership m WHERE {where}", params)
        total = counted(store, *(tallied or rows))
        return _members(store, criteria, where, params, offset, total)
    return _families(store, criteria, where, params, offset)


def _order(criteria: Criteria, tiebreak: list[tuple[str, str]]) -> list:
    """The question's sort, then `tiebreak`: [(column, direction)]."""
    return [(SORT_COLUMN[name], way) for name, way in criteria.sort] + tiebreak


# Members come oldest first, then by NIK: the order of the covering index
# dci_membership_kab_born (events/schema.py), so a page of an age search over a
# kabupaten is read in index order and stops after the page, instead of sorting
# every match by NIK (bench/RESULTS.md, DCI section).
MEMBER_ORDER = [("m.birth_date", "asc"), ("m.nik", "asc")]


def _members(store, criteria, where, params, offset, total) -> tuple[list[dict], int]:
    # The page's NIKs first (an index can hold every column this needs), then
    # their rows: selecting every column of every match would read them all.
    order = _order(criteria, MEMBER_ORDER)
    page = Page("m.nik", where, params, order, offset, criteria.page_size)
    niks = identifiers(store, page)
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
    # A family's location is the desa of its members (one, but grouped: MIN).
    order = [
        ("MIN(m.desa)" if column == "m.desa" else column, way)
        for column, way in _order(criteria, [("m.kk", "asc")])
    ]
    page = Page("m.kk", where, params, order, offset, criteria.page_size, True)
    return families(store, identifiers(store, page), criteria.as_of), total


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
