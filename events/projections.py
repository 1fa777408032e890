"""Handlers of the registry read model: who is registered where, on which dates."""

from __future__ import annotations

from typing import Any

import orjson

from events.born import born
from events.cursor import keyed
from events.schema import REGISTRY
from workflow.regions import enclosing

on = REGISTRY.on


def dumps(value: Any) -> str:
    """JSON for a TEXT column."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS, default=str).decode()


CHANGE = (
    "INSERT INTO rm_change (position, nik, change, kk, desa, effective_on, "
    "proposal_id, determination_id, kind, reason, recorded_at, details) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def change_row(pos: int, e: dict, what: str, kk, desa, details=None) -> tuple:
    """The rm_change row of one change of a person's registration."""
    ch = e["change"]
    return (
        pos,
        e["nik"],
        what,
        kk,
        desa,
        ch["effective_on"],
        ch.get("proposal_id"),
        ch.get("determination_id"),
        ch.get("kind"),
        ch.get("reason"),
        e["timestamp"],
        dumps(details) if details else None,
    )


def _change(cur, pos: int, e: dict, what: str, kk, desa, details=None) -> None:
    cur.insert(CHANGE, change_row(pos, e, what, kk, desa, details))


TALLY = (
    "INSERT INTO rm_tally (desa, province, kabkota, kecamatan, day, families, "
    "people) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (desa, day) DO UPDATE SET "
    "families = rm_tally.families + excluded.families, "
    "people = rm_tally.people + excluded.people"
)


def tally(cur, desa: str, day: str, families: int, people: int) -> None:
    """Count families and people beginning (+1) or ending (-1) in a desa on a day."""
    cur.add(TALLY, (desa, *enclosing(desa), day), (families, people))


FIELDS = ("name", "birth_date", "sex", "relationship", "disability", "occupation")
COLUMNS = ", ".join(FIELDS)


# Keyed by NIK: closing one person's membership need not send the rows of
# others still waiting (events/cursor.py).
MEMBERSHIP = keyed(
    f"INSERT INTO rm_membership (nik, kk, desa, kecamatan, kabkota, province, "
    f"{COLUMNS}, valid_from, valid_to, position) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)",
    0,
)


def membership_row(nik, kk, desa: str, details: dict, valid_from, pos) -> tuple:
    """The rm_membership row of a person's registered state from `valid_from`."""
    province, kabkota, kecamatan = enclosing(desa)
    above = (kecamatan, kabkota, province)
    return (nik, kk, desa, *above, *map(details.get, FIELDS), valid_from, pos)


# The memo's key of a person's desa as of the event the registry applied last:
# the audit model's handler of the same event reads it instead of the table.
REGISTERED_IN = "registered in:"


def _insert_membership(cur, nik, kk, desa, details: dict, valid_from, pos) -> None:
    cur.insert(MEMBERSHIP, membership_row(nik, kk, desa, details, valid_from, pos))
    cur.memo[REGISTERED_IN + nik] = desa
    tally(cur, desa, valid_from, 0, 1)
    born(cur, desa, details.get("birth_date"), details.get("sex"), valid_from, 1)


# The later of the effective date (the parameter, given twice) and valid_from:
# a state never ends before it began.
LATER = "CASE WHEN valid_from > ? THEN valid_from ELSE ? END"


def _close_membership(cur, nik: str, effective_on: str) -> tuple | None:
    """End the person's current registered state; returns (kk, desa, from, fields)."""
    row = _closed(
        cur,
        f"UPDATE rm_membership SET valid_to = {LATER} WHERE nik = ? "
        f"AND valid_to IS NULL RETURNING kk, desa, valid_from, {COLUMNS}",
        (effective_on, effective_on, nik),
        key=nik,
    )
    if row is not None:
        _kk, desa, since, _name, birth_date, sex, *_ = row
        cur.memo[REGISTERED_IN + nik] = desa
        tally(cur, desa, max(effective_on, since), 0, -1)
        born(cur, desa, birth_date, sex, max(effective_on, since), -1)
    return row


def _closed(cur, update: str, params: tuple, key=None) -> tuple | None:
    """The row an UPDATE ... RETURNING closed, if any: one statement, where a
    SELECT and an UPDATE would take two."""
    rows = cur.execute(update, params, key=key).fetchall()
    return rows[0] if rows else None


@on("dtks.person.baselined")
@on("dtks.person.enrolled")
def enrolled(cur, sid: str, e: dict, pos: int) -> None:
    """A person enters the registry."""
    _insert_membership(
        cur,
        e["nik"],
        e["kk"],
        e["desa"],
        e["details"],
        e["change"]["effective_on"],
        pos,
    )
    _change(cur, pos, e, "added", e["kk"], e["desa"])


@on("dtks.person.corrected")
def corrected(cur, sid: str, e: dict, pos: int) -> None:
    """A person's registered data changes from the effective date on."""
    effective_on = e["change"]["effective_on"]
    row = _close_membership(cur, e["nik"], effective_on)
    if row is None:
        return
    kk, desa, valid_from, *values = row
    merged = {**dict(zip(FIELDS, values, strict=True)), **e["corrections"]}
    _insert_membership(
        cur, e["nik"], kk, desa, merged, max(effective_on, valid_from), pos
    )
    _change(cur, pos, e, "updated", kk, desa, e["corrections"])


@on("dtks.person.removed")
def removed(cur, sid: str, e: dict, pos: int) -> None:
    """A person leaves the registry."""
    row = _close_membership(cur, e["nik"], e["change"]["effective_on"])
    _change(cur, pos, e, "removed", e["kk"], row[1] if row else None)


@on("dtks.family.baselined")
@on("dtks.family.registered")
def family_registered(cur, sid: str, e: dict, pos: int) -> None:
    """A family enters the registry."""
    _open_family(
        cur, e["kk"], e["desa"], e["address"], e["change"]["effective_on"], pos
    )


FAMILY = "INSERT INTO rm_family VALUES (?, ?, ?, ?, NULL, ?)"


def _open_family(cur, kk: str, desa: str, address, valid_from: str, pos: int) -> None:
    cur.insert(FAMILY, (kk, desa, address, valid_from, pos))
    tally(cur, desa, valid_from, 1, 0)


def _close_family(cur, kk: str, effective_on: str) -> tuple | None:
    row = _closed(
        cur,
        f"UPDATE rm_family SET valid_to = {LATER} WHERE kk = ? AND valid_to IS NULL "
        "RETURNING desa, valid_from",
        (effective_on, effective_on, kk),
    )
    if row is not None:
        tally(cur, row[0], max(effective_on, row[1]), -1, 0)
    return row


@on("dtks.family.address_corrected")
def address_corrected(cur, sid: str, e: dict, pos: int) -> None:
    """A family's address changes from the effective date on."""
    effective_on = e["change"]["effective_on"]
    row = _close_family(cur, e["kk"], effective_on)
    if row is not None:
        since = max(effective_on, row[1])
        _open_family(cur, e["kk"], row[0], e["address"], since, pos)


@on("dtks.family.dissolved")
def dissolved(cur, sid: str, e: dict, pos: int) -> None:
    """A family leaves the registry."""
    _close_family(cur, e["kk"], e["change"]["effective_on"])
