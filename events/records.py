"""Handlers of the workflow read model for deliberations, decrees and accounts."""

from __future__ import annotations

import json

from events.chain import on
from events.projections import dumps
from events.updates import Added
from workflow.regions import enclosing

# The memo's key prefix for a deliberation's (status, body) as last written.
DELIBERATION = "deliberation:"


@on("dtks.deliberation.opened")
def opened(cur, sid, e, pos):
    """A deliberation's minutes were recorded."""
    minutes = e["minutes"]
    body = {
        "attendees": minutes["attendees"],
        "decisions": e["decisions"],
        "opened_by": e["by"],
        "opened_at": e["timestamp"],
        "camat_note": None,
    }
    province, kabkota, kecamatan = enclosing(minutes["desa"])
    cur.insert_row(
        "rm_deliberation",
        {
            "id": sid,
            "desa": minutes["desa"],
            "province": province,
            "kabkota": kabkota,
            "kecamatan": kecamatan,
            "status": "open",
            "version": e["_version"],
            "minutes_number": minutes["minutes_number"],
            "held_on": minutes["held_on"],
            "chaired_by": minutes["chaired_by"],
            "position": pos,
            "body": dumps(body),
        },
    )
    cur.memo[DELIBERATION + sid] = ("open", body)


def _deliberation(cur, sid: str, e: dict, status: str | None, **changes) -> None:
    """Change a deliberation's status and body; its row as the last event left
    it is in the memo (else read once), so the update can wait in the buffer."""
    key = DELIBERATION + sid
    if key not in cur.memo:
        row = cur.execute(
            "SELECT status, body FROM rm_deliberation WHERE id = ?", (sid,)
        ).fetchone()
        cur.memo[key] = (row[0], json.loads(row[1]))
    held, body = cur.memo[key]
    status, body = status or held, {**body, **changes}
    cur.memo[key] = (status, body)
    values = {"status": status, "version": e["_version"], "body": dumps(body)}
    cur.update("rm_deliberation", "id", sid, values)


@on("dtks.deliberation.decisions_revised")
def revised(cur, sid, e, pos):
    """The village replaced the decisions."""
    _deliberation(cur, sid, e, None, decisions=e["decisions"])


@on("dtks.deliberation.submitted")
def deliberation_submitted(cur, sid, e, pos):
    """Sent to the camat."""
    _deliberation(cur, sid, e, "submitted")


@on("dtks.deliberation.approved")
def approved(cur, sid, e, pos):
    """The camat approved it."""
    _deliberation(cur, sid, e, "approved", camat_note=e.get("note"))


@on("dtks.deliberation.returned")
def returned(cur, sid, e, pos):
    """The camat returned it to the village."""
    _deliberation(cur, sid, e, "returned", camat_note=e.get("note"))


@on("dtks.ratification.signed")
def signed(cur, sid, e, pos):
    """A decree of a kabupaten/kota."""
    decree = e["decree"]
    body = {"proposal_ids": e["proposal_ids"], "signed_by": e["by"]}
    cur.insert(
        "INSERT INTO rm_ratification VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            sid,
            decree["kabkota"],
            decree["kabkota"][:2],
            decree["decree_number"],
            decree["signed_on"],
            e["_version"],
            pos,
            dumps(body),
        ),
    )


@on("dtks.determination.made")
def made(cur, sid, e, pos):
    """The ministry's determination."""
    decree = e["decree"]
    body = {"proposal_ids": e["proposal_ids"], "made_by": e["by"]}
    cur.insert(
        "INSERT INTO rm_determination VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            sid,
            decree["period"],
            decree["decree_number"],
            decree["effective_on"],
            len(e["proposal_ids"]),
            e["_version"],
            pos,
            dumps(body),
        ),
    )


@on("dtks.user.registered")
def registered_user(cur, sid, e, pos):
    """An account with its role and region."""
    row = {"id": sid, "name": e["name"], "role": e["role"], "region": e["region"]}
    cur.insert_row("rm_user", row | {"tokens": 0, "disabled": 0, "position": pos})


@on("dtks.user.token_issued")
def token_issued(cur, sid, e, pos):
    """One more live token."""
    cur.update("rm_user", "id", sid, {"tokens": Added(1)})


@on("dtks.user.tokens_revoked")
def tokens_revoked(cur, sid, e, pos):
    """No live token left."""
    cur.update("rm_user", "id", sid, {"tokens": 0})


@on("dtks.user.disabled")
def disabled(cur, sid, e, pos):
    """An admin disabled the account."""
    cur.update("rm_user", "id", sid, {"disabled": 1})


@on("dtks.user.enabled")
def enabled(cur, sid, e, pos):
    """An admin enabled the account again."""
    cur.update("rm_user", "id", sid, {"disabled": 0})
