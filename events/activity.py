"""Handlers of the activity read model: what each desa did, month by month.

Each figure is counted on the date its record states: a proposal on the day
it was submitted or rejected, a Musdes/Muskel on the day it was held, a
determined proposal on the day its determination took effect (the day the
registry changed, as the series shows it).
"""

from __future__ import annotations

import orjson

from events.schema import ACTIVITY

on = ACTIVITY.on
COUNT = (
    "INSERT INTO rm_activity (region, parent, month, measure, count) "
    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (region, month, measure) "
    "DO UPDATE SET count = rm_activity.count + excluded.count"
)
CHANGED_ON = (
    "INSERT INTO rm_changed_on (region, parent, day) VALUES (?, ?, ?) "
    "ON CONFLICT (region, day) DO NOTHING"
)


def lineage(desa: str) -> list[tuple[str, str]]:
    """(region, parent) for the desa and each region above it; a province's
    parent is the whole country ('')."""
    parts = desa.split(".")
    codes = [".".join(parts[:n]) for n in range(len(parts), 0, -1)]
    return list(zip(codes, [*codes[1:], ""], strict=True))


def measure(what: str, kind: str, reason: str | None) -> str:
    """`submitted:add`, `determined:remove:deceased`, ...: what, kind, reason."""
    return ":".join([what, kind, reason] if kind == "remove" else [what, kind])


def _count(cur, desa: str, day: str, name: str) -> None:
    for region, parent in lineage(desa):
        cur.add(COUNT, (region, parent, day[:7], name), (1,))


def _proposal(cur, proposal_id: str) -> tuple[str, str, str | None]:
    """The desa, kind and removal reason of a proposal (they never change)."""
    key = "activity:" + proposal_id
    if key not in cur.memo:
        desa, kind, body = cur.execute(
            "SELECT desa, kind, body FROM rm_proposal WHERE id = ?", (proposal_id,)
        ).fetchone()
        cur.memo[key] = (desa, kind, orjson.loads(body).get("reason"))
    return cur.memo[key]


@on("dtks.proposal.submitted")
def submitted(cur, sid: str, e: dict, pos: int) -> None:
    """A proposal submitted on the day it was recorded."""
    content = e["content"]
    desa, kind, reason = content["desa"], content["kind"], content.get("reason")
    cur.memo["activity:" + sid] = (desa, kind, reason)
    _count(cur, desa, e["timestamp"], measure("submitted", kind, reason))


@on("dtks.proposal.rejected")
def rejected(cur, sid: str, e: dict, pos: int) -> None:
    """A proposal rejected at deliberation or verval, on the day it was recorded."""
    desa, kind, reason = _proposal(cur, sid)
    _count(cur, desa, e["timestamp"], measure("rejected", kind, reason))


@on("dtks.proposal.determined")
def determined(cur, sid: str, e: dict, pos: int) -> None:
    """A proposal put into effect on its determination's effective date."""
    desa, kind, reason = _proposal(cur, sid)
    day = e["decree"]["effective_on"]
    _count(cur, desa, day, measure("determined", kind, reason))
    for region, parent in lineage(desa):
        cur.insert(CHANGED_ON, (region, parent, day))


@on("dtks.deliberation.opened")
def held(cur, sid: str, e: dict, pos: int) -> None:
    """A Musdes/Muskel held on the day its minutes state."""
    minutes = e["minutes"]
    _count(cur, minutes["desa"], minutes["held_on"], "musdes")
