"""Handlers for the decision chain: proposals, deliberations, decrees, accounts."""

from __future__ import annotations

from events.projections import dumps, on, region_of
from workflow.domain.registry import family_id, person_id


def _status(cur, sid: str, status: str, **columns) -> None:
    sets = ", ".join(["status = ?", *(f"{name} = ?" for name in columns)])
    cur.execute(
        f"UPDATE rm_proposal SET {sets} WHERE id = ?", (status, *columns.values(), sid)
    )


@on("dtks.proposal.submitted")
def submitted(cur, sid: str, e: dict, pos: int) -> None:
    """A proposal begins its chain; its streams take its desa as their region."""
    content = e["content"]
    cur.insert(
        "INSERT INTO rm_proposal (id, kind, desa, status, submitted_by, submitted_at, "
        "position) VALUES (?, ?, ?, 'submitted', ?, ?, ?)",
        (
            sid,
            content["kind"],
            content["desa"],
            dumps(e["by"]),
            e["timestamp"],
            pos,
        ),
    )
    region_of(cur, sid, content["desa"])
    region_of(cur, str(family_id(content["family"]["kk"])), content["desa"])
    for member in content["members"]:
        region_of(cur, str(person_id(member["nik"])), content["desa"])


@on("dtks.proposal.tabled")
def tabled(cur, sid, e, pos):
    """The proposal is before a deliberation."""
    _status(cur, sid, "in_deliberation", deliberation_id=e["deliberation_id"])


@on("dtks.proposal.returned_to_village")
def returned_to_village(cur, sid, e, pos):
    """The camat sent it back with its deliberation."""
    _status(cur, sid, "submitted")


@on("dtks.proposal.endorsed")
def endorsed(cur, sid, e, pos):
    """The camat endorsed it."""
    _status(cur, sid, "endorsed", endorsed_by=dumps(e["by"]))


@on("dtks.proposal.rejected")
def rejected(cur, sid, e, pos):
    """Rejected at deliberation or verval."""
    _status(cur, sid, "rejected", rejected_stage=e["stage"])


@on("dtks.proposal.verified")
def verified(cur, sid, e, pos):
    """Dinsos verified it."""
    _status(
        cur,
        sid,
        "verified",
        verified_by=dumps({**e["by"], "checked_on": e["verval"]["checked_on"]}),
    )


@on("dtks.proposal.ratified")
def ratified(cur, sid, e, pos):
    """The regent or mayor ratified it."""
    decree = {"id": e["ratification_id"], "decree_number": e["decree_number"]}
    _status(cur, sid, "ratified", ratification=dumps(decree))


@on("dtks.proposal.returned_for_correction")
def returned_for_correction(cur, sid, e, pos):
    """The ministry sent it back: verval and ratification start again."""
    _status(cur, sid, "endorsed", verified_by=None, ratification=None)


@on("dtks.proposal.determined")
def determined(cur, sid, e, pos):
    """The ministry determined it."""
    decree = {"id": e["determination_id"], **e["decree"]}
    _status(cur, sid, "determined", determination=dumps(decree))


@on("dtks.proposal.withdrawn")
def withdrawn(cur, sid, e, pos):
    """The village withdrew it."""
    _status(cur, sid, "withdrawn")


@on("dtks.deliberation.opened")
def opened(cur, sid, e, pos):
    """A deliberation's minutes were recorded."""
    minutes = e["minutes"]
    cur.insert(
        "INSERT INTO rm_deliberation VALUES (?, ?, 'open', ?, ?, ?, ?)",
        (
            sid,
            minutes["desa"],
            minutes["minutes_number"],
            minutes["held_on"],
            minutes["chaired_by"],
            pos,
        ),
    )
    region_of(cur, sid, minutes["desa"])


def _deliberation_status(status: str):
    def handle(cur, sid, e, pos):
        cur.execute("UPDATE rm_deliberation SET status = ? WHERE id = ?", (status, sid))

    return handle


for _topic, _status_name in (
    ("submitted", "submitted"),
    ("approved", "approved"),
    ("returned", "returned"),
):
    on(f"dtks.deliberation.{_topic}")(_deliberation_status(_status_name))


@on("dtks.ratification.signed")
def signed(cur, sid, e, pos):
    """A decree of a kabupaten/kota."""
    region_of(cur, sid, e["decree"]["kabkota"])


@on("dtks.user.registered")
def registered_user(cur, sid, e, pos):
    """An account of a region (or national)."""
    region_of(cur, sid, e["region"])
