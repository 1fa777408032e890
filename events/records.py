"""Handlers of the workflow read model for deliberations, decrees and accounts."""

from __future__ import annotations

import json

from events.chain import on, regions
from events.projections import dumps


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
    cur.insert(
        "INSERT INTO rm_deliberation (id, desa, province, kabkota, kecamatan, status, "
        "version, minutes_number, held_on, chaired_by, position, body) "
        "VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)",
        (
            sid,
            minutes["desa"],
            *regions(minutes["desa"]),
            e["_version"],
            minutes["minutes_number"],
            minutes["held_on"],
            minutes["chaired_by"],
            pos,
            dumps(body),
        ),
    )


def _deliberation(cur, sid: str, e: dict, status: str | None, **changes) -> None:
    row = cur.execute(
        "SELECT status, body FROM rm_deliberation WHERE id = ?", (sid,)
    ).fetchone()
    body = {**json.loads(row[1]), **changes}
    cur.execute(
        "UPDATE rm_deliberation SET status = ?, version = ?, body = ? WHERE id = ?",
        (status or row[0], e["_version"], dumps(body), sid),
    )


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
    cur.insert(
        "INSERT INTO rm_user VALUES (?, ?, ?, ?, 0, 0, ?)",
        (sid, e["name"], e["role"], e["region"], pos),
    )


@on("dtks.user.token_issued")
def token_issued(cur, sid, e, pos):
    """One more live token."""
    cur.execute("UPDATE rm_user SET tokens = tokens + 1 WHERE id = ?", (sid,))


@on("dtks.user.tokens_revoked")
def tokens_revoked(cur, sid, e, pos):
    """No live token left."""
    cur.execute("UPDATE rm_user SET tokens = 0 WHERE id = ?", (sid,))


@on("dtks.user.disabled")
def disabled(cur, sid, e, pos):
    """An admin disabled the account."""
    cur.execute("UPDATE rm_user SET disabled = 1 WHERE id = ?", (sid,))


@on("dtks.user.enabled")
def enabled(cur, sid, e, pos):
    """An admin enabled the account again."""
    cur.execute("UPDATE rm_user SET disabled = 0 WHERE id = ?", (sid,))
