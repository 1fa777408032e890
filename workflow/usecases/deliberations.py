"""Use cases on village deliberations and the camat's decision."""

from __future__ import annotations

from typing import Any

from workflow.actors import Actor
from workflow.commands import (
    DecideDeliberation,
    OpenDeliberation,
    ReviseDecisions,
    command,
)
from workflow.commands.deliberations import recorded
from workflow.domain.deliberation import Deliberation
from workflow.domain.proposal import Proposal
from workflow.errors import InvalidTransition
from workflow.problems import Problem
from workflow.usecases.core import LedgerCore, check_version, require_region_in


class DeliberationUseCases(LedgerCore):
    """What the village records and what the camat decides."""

    def open_deliberation(
        self, actor: Actor, given: OpenDeliberation | Any
    ) -> Deliberation:
        """The operator records the minutes and decisions of a Musdes/Muskel."""
        actor.require("operator")
        require_region_in(actor, given, "desa", 4)
        opened = command(OpenDeliberation, given)
        minutes, decisions = opened.minutes(), recorded(opened.decisions)
        actor.require_region(minutes["desa"])
        self._check_tableable(minutes["desa"], decisions)
        return self.commit(
            lambda: _saved(Deliberation(minutes, decisions, by=actor.stamp()))
        )

    def deliberation(self, actor: Actor, deliberation_id: object) -> Deliberation:
        """A deliberation the actor may read."""
        deliberation = self.load(Deliberation, deliberation_id, "deliberation")
        actor.require_sight(deliberation.desa, "deliberation", deliberation_id)
        return deliberation

    def revise_decisions(
        self,
        actor: Actor,
        deliberation_id: object,
        given: ReviseDecisions | Any,
        expected=None,
    ) -> Deliberation:
        """The operator replaces the decisions of an open or returned deliberation."""
        actor.require("operator")
        self.deliberation(actor, deliberation_id)  # scope and existence first
        decisions = recorded(command(ReviseDecisions, given).decisions)

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
        self,
        actor: Actor,
        deliberation_id: object,
        given: DecideDeliberation | Any,
        expected=None,
    ) -> Deliberation:
        """The camat approves the deliberation's decisions or returns it."""
        actor.require("camat")
        self.deliberation(actor, deliberation_id)  # scope and existence first
        decided = command(DecideDeliberation, given)
        decision, note = decided.decision, decided.note
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
        # Another desa's proposal is answered as one that does not exist.
        field = "decisions.proposal_id"
        for proposal in self.referenced(Proposal, ids, field, lambda p: p.desa == desa):
            if proposal.status != "submitted":
                raise InvalidTransition(
                    Problem(
                        "deliberation.not_submitted",
                        what=proposal.describe(),
                        status=proposal.status,
                    )
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
