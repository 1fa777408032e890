"""Questions auditors ask of the registry, answered from the read models."""

from __future__ import annotations

import json
from typing import Any

from events.db import ReadStore

AS_OF = "valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)"
LEVEL_COLUMN = {1: "province", 2: "kabkota", 3: "kecamatan", 4: "desa"}
MEMBER = "nik, kk, desa, details, valid_from"


def region_filter(region: str | None) -> tuple[str, list]:
    """An indexed equality on the column of the region's level (none: national)."""
    if not region:
        return "1 = 1", []
    return f"{LEVEL_COLUMN[region.count('.') + 1]} = ?", [region]


def _member(row: tuple) -> dict:
    nik, _kk, _desa, details, valid_from = row
    return {"nik": nik, **json.loads(details), "registered_since": valid_from}


class RegistryQueries:
    """The registry as of any date: families, people, history and counts."""

    def __init__(self, store: ReadStore):
        self.store = store

    def families(self, region, as_of: str, after: str, limit: int):
        """Families with members registered on `as_of`, by No. KK, paged."""
        where, params = region_filter(region)
        kks = [
            row[0]
            for row in self.store.query(
                f"SELECT DISTINCT kk FROM rm_membership WHERE {where} AND {AS_OF} "
                "AND kk > ? ORDER BY kk LIMIT ?",
                [*params, as_of, as_of, after, limit + 1],
            )
        ]
        page = kks[:limit]
        return self._families(page, as_of), (page[-1] if len(kks) > limit else None)

    def family(self, kk: str, as_of: str) -> dict | None:
        """One family as it stood on `as_of`, or None when it was not registered."""
        found = self._families([kk], as_of)
        return found[0] if found else None

    def _families(self, kks: list[str], as_of: str) -> list[dict]:
        """The families of these numbers on `as_of`, in the same order (3 queries)."""
        if not kks:
            return []
        marks = ", ".join("?" * len(kks))
        members: dict[str, list[tuple]] = {}
        for row in self.store.query(
            f"SELECT {MEMBER} FROM rm_membership WHERE kk IN ({marks}) AND {AS_OF} "
            "ORDER BY kk, nik",
            [*kks, as_of, as_of],
        ):
            members.setdefault(row[1], []).append(row)
        addresses = dict(
            self.store.query(
                f"SELECT kk, address FROM rm_family WHERE kk IN ({marks}) AND {AS_OF}",
                [*kks, as_of, as_of],
            )
        )
        return [
            {
                "kk": kk,
                "desa": members[kk][0][2],
                "address": addresses.get(kk),
                "members": [_member(row) for row in members[kk]],
            }
            for kk in kks
            if kk in members
        ]

    def known_family_desa(self, kk: str) -> str | None:
        """The desa a family was last registered in, whenever that was."""
        rows = self.store.query(
            "SELECT desa FROM rm_family WHERE kk = ? ORDER BY valid_from DESC LIMIT 1",
            (kk,),
        )
        return rows[0][0] if rows else None

    def person(self, nik: str, as_of: str) -> dict | None:
        """A person on `as_of`; None when the NIK was never in the registry."""
        rows = self.store.query(
            f"SELECT {MEMBER}, valid_to FROM rm_membership WHERE nik = ? "
            "ORDER BY valid_from, position",
            (nik,),
        )
        if not rows:
            return None
        current = [r for r in rows if r[4] <= as_of and (r[5] is None or r[5] > as_of)]
        row = current[-1] if current else rows[-1]
        shown = {
            **json.loads(row[3]),
            "nik": nik,
            "registered": bool(current),
            "kk": row[1] if current else None,
            "desa": row[2],
        }
        return shown

    def history(self, nik: str) -> list[dict]:
        """Every change of a person's registration with the decisions behind it."""
        rows = self.store.query(
            "SELECT c.change, c.effective_on, c.proposal_id, c.kind, c.reason, c.kk, "
            "c.desa, c.recorded_at, c.details, p.submitted_by, d.minutes_number, "
            "d.held_on, d.chaired_by, p.endorsed_by, p.verified_by, p.ratification, "
            "p.determination, c.determination_id FROM rm_change c "
            "LEFT JOIN rm_proposal p ON p.id = c.proposal_id "
            "LEFT JOIN rm_deliberation d ON d.id = p.deliberation_id "
            "WHERE c.nik = ? ORDER BY c.position",
            (nik,),
        )
        return [_history_item(row) for row in rows]

    def stats(self, region: str | None, as_of: str) -> dict:
        """Families and people on `as_of` in a region, and per child region."""
        where, params = region_filter(region)
        level = region.count(".") + 1 if region else 0
        totals = self.store.query(
            f"SELECT COUNT(DISTINCT kk), COUNT(*) FROM rm_membership WHERE {where} "
            f"AND {AS_OF}",
            [*params, as_of, as_of],
        )[0]
        children: dict[str, Any] = {}
        if level < 4:
            child = LEVEL_COLUMN[level + 1]
            for code, families, people in self.store.query(
                f"SELECT {child}, COUNT(DISTINCT kk), COUNT(*) FROM rm_membership "
                f"WHERE {where} AND {AS_OF} GROUP BY {child} ORDER BY {child}",
                [*params, as_of, as_of],
            ):
                children[code] = {"families": families, "people": people}
        return {"families": totals[0], "people": totals[1], "children": children}


def _json(value: str | None) -> Any:
    return json.loads(value) if value else None


def _history_item(row: tuple) -> dict:
    (
        change,
        effective_on,
        proposal_id,
        kind,
        reason,
        kk,
        desa,
        recorded_at,
        details,
        submitted_by,
        minutes_number,
        held_on,
        chaired_by,
        endorsed_by,
        verified_by,
        ratification,
        determination,
        determination_id,
    ) = row
    decree = _json(determination) or {}
    return {
        "change": change,
        "effective_on": effective_on,
        "proposal_id": proposal_id,
        "kind": kind,
        "reason": reason,
        "kk": kk,
        "desa": desa,
        "recorded_at": recorded_at,
        "corrections": _json(details),
        "submitted_by": _json(submitted_by),
        "deliberation": {
            "minutes_number": minutes_number,
            "held_on": held_on,
            "chaired_by": chaired_by,
        }
        if minutes_number
        else None,
        "endorsed_by": _json(endorsed_by),
        "verified_by": _json(verified_by),
        "ratification": _json(ratification),
        "determination": {
            "id": determination_id,
            "period": decree.get("period"),
            "decree_number": decree.get("decree_number"),
        }
        if determination_id
        else None,
    }
