"""Handlers of the workflow read model: proposals, deliberations, decrees, accounts.

Each row holds what the record's representation shows, so a list is one
indexed query and never loads an aggregate.
"""

from __future__ import annotations

from events.projections import dumps
from events.schema import WORKFLOW
from workflow.regions import enclosing

on = WORKFLOW.on
CONTENT = ("family", "members", "criteria", "reason", "note")
# The columns that the chain's steps fill in after the proposal is submitted.
CHAIN = (
    "deliberation_id",
    "endorsed_by",
    "verified_by",
    "ratification",
    "determination",
    "rejected_stage",
)


def _status(cur, sid: str, e: dict, pos: int, status: str, **columns) -> None:
    """Move a proposal along its chain (by way of the cursor's buffer: in a
    rebuild, a proposal's whole chain becomes its one insert)."""
    values = {"status": status, "version": e["_version"], "changed_at": pos}
    cur.update("rm_proposal", "id", sid, values | columns)


@on("dtks.proposal.submitted")
def submitted(cur, sid: str, e: dict, pos: int) -> None:
    """A proposal begins its chain."""
    content = e["content"]
    desa = content["desa"]
    province, kabkota, kecamatan = enclosing(desa)
    cur.insert_row(
        "rm_proposal",
        {
            "id": sid,
            "kind": content["kind"],
            "desa": desa,
            "province": province,
            "kabkota": kabkota,
            "kecamatan": kecamatan,
            "status": "submitted",
            "version": e["_version"],
            "submitted_by": dumps(e["by"]),
            "submitted_at": e["timestamp"],
            "position": pos,
            "changed_at": pos,
            "body": dumps({k: content.get(k) for k in CONTENT}),
            # Named, so that the chain's updates change the waiting row itself.
            **dict.fromkeys(CHAIN),
        },
    )


@on("dtks.proposal.tabled")
def tabled(cur, sid, e, pos):
    """The proposal is before a deliberation."""
    _status(cur, sid, e, pos, "in_deliberation", deliberation_id=e["deliberation_id"])


@on("dtks.proposal.returned_to_village")
def returned_to_village(cur, sid, e, pos):
    """The camat sent it back with its deliberation."""
    _status(cur, sid, e, pos, "submitted")


@on("dtks.proposal.endorsed")
def endorsed(cur, sid, e, pos):
    """The camat endorsed it."""
    _status(cur, sid, e, pos, "endorsed", endorsed_by=dumps(e["by"]))


@on("dtks.proposal.rejected")
def rejected(cur, sid, e, pos):
    """Rejected at deliberation or verval."""
    _status(cur, sid, e, pos, "rejected", rejected_stage=e["stage"])


@on("dtks.proposal.verified")
def verified(cur, sid, e, pos):
    """Dinsos verified it."""
    checked = {**e["by"], "checked_on": e["verval"]["checked_on"]}
    _status(cur, sid, e, pos, "verified", verified_by=dumps(checked))


@on("dtks.proposal.ratified")
def ratified(cur, sid, e, pos):
    """The regent or mayor ratified it."""
    decree = {"id": e["ratification_id"], "decree_number": e["decree_number"]}
    _status(cur, sid, e, pos, "ratified", ratification=dumps(decree))


@on("dtks.proposal.returned_for_correction")
def returned_for_correction(cur, sid, e, pos):
    """The ministry sent it back: verval and ratification start again."""
    _status(cur, sid, e, pos, "endorsed", verified_by=None, ratification=None)


@on("dtks.proposal.determined")
def determined(cur, sid, e, pos):
    """The ministry determined it."""
    decree = {"id": e["determination_id"], **e["decree"]}
    _status(cur, sid, e, pos, "determined", determination=dumps(decree))


@on("dtks.proposal.withdrawn")
def withdrawn(cur, sid, e, pos):
    """The village withdrew it."""
    _status(cur, sid, e, pos, "withdrawn")
