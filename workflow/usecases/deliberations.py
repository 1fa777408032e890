"""Use cases on village deliberations and the camat's decision."""

from __future__ import annotations

from typing import Any

from workflow.actors import Actor
from workflow.domain.deliberation import Deliberation
from workflow.domain.proposal import Proposal
from workflow.errors import InvalidTransition
from workflow.fields import (
    choice,
    iso_date,
    listing,
    mapping,
    object_body,
    text,
    whole_number,
)
from workflow.regions import region_problem
from workflow.usecases.core import LedgerCore, check_version, require_region_in

OUTCOMES = ("approve", "reject")


class DeliberationUseCases(LedgerCore):
    """What the village records and what the camat decides."""

    def open_deliberation(self, actor: Actor, body: Any) -> Deliberation:
        """The operator records the minutes and decisions of a Musdes/Muskel."""
        actor.require("operator")
        require_region_in(actor, body, "desa", 4)
        minutes, decisions = _minutes(body), _decisions(body)
        actor.require_region(minutes["desa"])
        self._check_tableable(minutes["desa"], decisions)
        return self.commit(
            lambda: _saved(Deliberation(minutes, decisions, by=actor.stamp()))
        )

    def deliberation(self, actor: Actor, deliberation_id: object) -> Deliberation:
        """A deliberation the actor may read."""
        deliberation = self.load(Deliberation, deliberation_id, "deliberation")
        actor.require_region(deliberation.desa)
        return deliberation

    def revise_decisions(
        self, actor: Actor, deliberation_id: object, body: Any, expected=None
    ) -> Deliberation:
        """The operator replaces the decisions of an open or returned deliberation."""
        actor.require("operator")
        self.deliberation(actor, deliberation_id)  # scope and existence first
        decisions = _decisions(body)

        def attempt():
            deliberation = self._editable(actor, deliberation_id, expected)
            deliberation.revise(decisions, actor.stamp())
            self._check_tableable(deliberation.desa, decisions)
            return [deliberation], deliberation

        return self.commit(attempt)

    def submit_deliberation(
        self, actor: Actor, deliberation_id: object, expected=None
    ) -> Deliberation:
        """The operator sends the deliberation to the camat, tabling its proposals."""
        actor.require("operator")
        by = actor.stamp()

        def attempt():
            deliberation = self._editable(actor, deliberation_id, expected)
            proposals = self._proposals(deliberation.proposal_ids)
            deliberation.submit(by)
            for proposal in proposals:
                proposal.table(str(deliberation.id), by)
            return [deliberation, *proposals], deliberation

        return self.commit(attempt)

    def decide_deliberation(
        self, actor: Actor, deliberation_id: object, body: Any, expected=None
    ) -> Deliberation:
        """The camat approves the deliberation's decisions or returns it."""
        actor.require("camat")
        self.deliberation(actor, deliberation_id)  # scope and existence first
        decision, note = _camat_decision(body)
        by = actor.stamp()

        def attempt():
            deliberation = self.deliberation(actor, deliberation_id)
            check_version(deliberation, expected, deliberation.describe())
            if decision == "return":
                deliberation.return_to_village(note, by)
                changed = self._return_proposals(deliberation, note, by)
            else:
                deliberation.approve(note, by)
                changed = self._apply_outcomes(deliberation, by)
            return [deliberation, *changed], deliberation

        return self.commit(attempt)

    def _editable(self, actor: Actor, deliberation_id, expected) -> Deliberation:
        deliberation = self.deliberation(actor, deliberation_id)
        check_version(deliberation, expected, deliberation.describe())
        return deliberation

    def _proposals(self, proposal_ids: list[str]) -> list[Proposal]:
        return [self.load(Proposal, pid, "proposal") for pid in proposal_ids]

    def _check_tableable(self, desa: str, decisions: list[dict]) -> None:
        ids = [d["proposal_id"] for d in decisions]
        for proposal in self.referenced(Proposal, ids, "decisions.proposal_id"):
            if proposal.desa != desa:
                raise InvalidTransition(
                    f"{proposal.describe()} belongs to desa {proposal.desa}; a "
                    f"deliberation of desa {desa} cannot decide on it"
                )
            if proposal.status != "submitted":
                raise InvalidTransition(
                    f"{proposal.describe()} is {proposal.status}; a deliberation "
                    "decides only on submitted proposals"
                )

    def _return_proposals(self, deliberation, note, by) -> list[Proposal]:
        proposals = self._proposals(deliberation.proposal_ids)
        tabled = [p for p in proposals if _tabled_by(p, deliberation)]
        for proposal in tabled:
            proposal.return_to_village(note, by)
        return tabled

    def _apply_outcomes(self, deliberation: Deliberation, by: dict) -> list[Any]:
        changed: list[Any] = []
        for decision in deliberation.decisions:
            proposal = self.load(Proposal, decision["proposal_id"], "proposal")
            if not _tabled_by(proposal, deliberation):
                continue  # withdrawn while the camat was deciding
            if decision["outcome"] == "approve":
                proposal.endorse(decision.get("note"), by)
                changed.append(proposal)
            else:
                proposal.reject_at_deliberation(decision.get("note"), by)
                changed += [proposal, *self.release_claims(proposal, by)]
        return changed


def _tabled_by(proposal: Proposal, deliberation: Deliberation) -> bool:
    return proposal.status == "in_deliberation" and proposal.deliberation_id == str(
        deliberation.id
    )


def _saved(aggregate):
    return [aggregate], aggregate


def _minutes(body: Any) -> dict:
    errors, body = object_body(body)
    errors.add("desa", region_problem(body.get("desa"), 4))
    held_on = iso_date(errors, "held_on", body.get("held_on"))
    minutes = {
        "desa": body.get("desa"),
        "held_on": held_on.isoformat() if held_on else None,
        "minutes_number": text(
            errors,
            "minutes_number",
            body.get("minutes_number"),
            required=True,
            limit=100,
        ),
        "chaired_by": text(errors, "chaired_by", body.get("chaired_by"), required=True),
        "attendees": whole_number(
            errors, "attendees", body.get("attendees"), minimum=1
        ),
    }
    errors.raise_any()
    return minutes


def _decisions(body: Any) -> list[dict]:
    errors, body = object_body(body)
    decisions, seen = [], set()
    for index, item in enumerate(listing(errors, "decisions", body.get("decisions"))):
        path = f"decisions.{index}"
        item = mapping(errors, path, item)
        proposal_id = text(
            errors,
            f"{path}.proposal_id",
            item.get("proposal_id"),
            required=True,
            limit=64,
        )
        if proposal_id in seen:
            errors.add(f"{path}.proposal_id", f"proposal {proposal_id} is listed twice")
        seen.add(proposal_id)
        decisions.append(
            {
                "proposal_id": proposal_id,
                "outcome": choice(
                    errors, f"{path}.outcome", item.get("outcome"), OUTCOMES
                ),
                "note": text(
                    errors, f"{path}.note", item.get("note"), required=False, limit=2000
                ),
            }
        )
    if not decisions and "decisions" not in errors:
        errors.add("decisions", "a deliberation decides on at least one proposal")
    errors.raise_any()
    return decisions


def _camat_decision(body: Any) -> tuple[str, str | None]:
    errors, body = object_body(body)
    decision = choice(errors, "decision", body.get("decision"), ("approve", "return"))
    note = text(errors, "note", body.get("note"), required=False, limit=2000)
    errors.raise_any()
    return decision, note
