"""A person's history: every change of registration with the whole decision
chain behind it (proposal, Musdes, camat, verval, SK, determination)."""

from __future__ import annotations

import json
from typing import Any

from events.db import ReadStore


def person_history(store: ReadStore, nik: str) -> list[dict]:
    """Every change of a person's registration with the decisions behind it."""
    rows = store.query(
        "SELECT c.change, c.effective_on, c.proposal_id, c.kind, c.reason, c.kk, "
        "c.desa, c.recorded_at, c.details, p.submitted_by, d.minutes_number, "
        "d.held_on, d.chaired_by, p.endorsed_by, p.verified_by, p.ratification, "
        "p.determination, c.determination_id FROM rm_change c "
        "LEFT JOIN rm_proposal p ON p.id = c.proposal_id "
        "LEFT JOIN rm_deliberation d ON d.id = p.deliberation_id "
        "WHERE c.nik = ? ORDER BY c.position",
        (nik,),
    )
    return _signed(store, [_history_item(row) for row in rows])


def _signed(store: ReadStore, items: list[dict]) -> list[dict]:
    """Each SK of the history with the day it was signed and who signed it."""
    for item in items:
        if decree := item["ratification"]:
            found = store.query(
                "SELECT signed_on, body FROM rm_ratification WHERE id = ?",
                (decree["id"],),
            )
            if found:
                signed_by = json.loads(found[0][1])["signed_by"]
                decree.update(signed_on=found[0][0], signed_by=signed_by)
    return items


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
