"""Counting a member search's matches from the kept tally (rm_born_tally,
events/born.py) when the question is one it answers exactly: an AND of a
location at kabupaten/kota or kecamatan level (or the partner's scope at one of
those levels), bounds on age or birth date, and sex. Any other question (a
desa, group size, `or`, `not`, `ne`, `in`) counts the matching rows."""

from __future__ import annotations

from dci.where import Compiler

BOUNDED = {"age", "birth_date"}
BOUNDS = {"eq", "lt", "gt", "le", "ge"}
TALLIED = (1, 2)  # dots in a kabupaten/kota's and a kecamatan's code
NOBODY = ("SELECT 0", [])


def tally_count(condition: tuple, as_of: str, region: str | None):
    """The statement and parameters counting the matches from the tally, or None
    when the tally cannot answer the question exactly."""
    parts = _conjuncts(condition)
    if parts is None:
        return None
    places = [region] if region else []
    kept = []
    for part in parts:
        _, name, op, value = part
        if name == "location" and op == "eq":
            places.append(value)
        elif (name == "sex" and op == "eq") or (name in BOUNDED and op in BOUNDS):
            kept.append(part)
        else:
            return None
    if not places:
        return None
    place = _narrowest(places)
    if place is None:  # regions that do not overlap: nobody is in both
        return NOBODY
    if place.count(".") not in TALLIED:
        return None
    compiler = Compiler(as_of, ("1 = 1", []), None)
    where = compiler.where(("and", kept)) if kept else "1 = 1"
    # A person without a birth date is tallied under '' and meets no bound.
    dated = " AND m.birth_date <> ''" if any(p[1] in BOUNDED for p in kept) else ""
    statement = (
        "SELECT COALESCE(SUM(m.people), 0) FROM rm_born_tally m "
        f"WHERE m.region = ? AND m.day <= ?{dated} AND {where}"
    )
    return statement, [place, as_of, *compiler.params]


def _conjuncts(condition: tuple) -> list[tuple] | None:
    """The comparisons of a condition made of ANDs alone, or None."""
    if condition[0] == "cmp":
        return [condition]
    if condition[0] != "and":
        return None
    found: list[tuple] = []
    for part in condition[1]:
        inner = _conjuncts(part)
        if inner is None:
            return None
        found += inner
    return found


def _narrowest(places: list[str]) -> str | None:
    """The region lying within all the others, or None when two do not overlap."""
    narrowest = max(places, key=lambda code: code.count("."))
    inside = all(
        narrowest == code or narrowest.startswith(code + ".") for code in places
    )
    return narrowest if inside else None
