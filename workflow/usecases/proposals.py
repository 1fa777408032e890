"""Use cases on proposals: submit, withdraw, verval, return for correction."""

from __future__ import annotations

from typing import Any

from workflow.actors import Actor
from workflow.commands import (
    RecordVerval,
    ReturnForCorrection,
    SubmitProposal,
    Withdraw,
    command,
)
from workflow.domain.proposal import Proposal
from workflow.errors import ProposalConflict
from workflow.usecases.conflicts import check_against_registry, discreet
from workflow.usecases.core import LedgerCore, check_version, require_region_in


class ProposalUseCases(LedgerCore):
    """What operators, verifiers and the ministry do to a single proposal."""

    def submit_proposal(self, actor: Actor, given: SubmitProposal | Any) -> Proposal:
        """An operator proposes adding, removing or correcting people of its desa.

        `given` is the command, or a request body it is built from once the
        actor is known to act within the desa the body names.
        """
        actor.require("operator")
        require_region_in(actor, given, "desa", 4)
        content = command(SubmitProposal, given).content()
        actor.require_region(content["desa"])
        by = actor.stamp()

        def attempt():
            proposal = Proposal(content=content, by=by)
            family = self.family(proposal.kk, by)
            people = [self.person(nik, by) for nik in proposal.niks]
            check_against_registry(proposal, family, people, actor.sees)
            whole = proposal.whole_family or not family.registered
            try:
                family.claim(str(proposal.id), whole, by)
                for person in people:
                    person.claim(str(proposal.id), by)
            except ProposalConflict as conflict:
                raise discreet(conflict, self._desa_of, actor.sees) from None
            return [proposal, family, *people], proposal

        return self.commit(attempt)

    def proposal(self, actor: Actor, proposal_id: object) -> Proposal:
        """A proposal the actor may read."""
        proposal = self.load(Proposal, proposal_id, "proposal")
        actor.require_sight(proposal.desa, "proposal", proposal_id)
        return proposal

    def _desa_of(self, proposal_id: str) -> str:
        return self.load(Proposal, proposal_id, "proposal").desa

    def withdraw_proposal(
        self,
        actor: Actor,
        proposal_id: object,
        given: Withdraw | Any,
        expected: int | None = None,
    ) -> Proposal:
        """The village withdraws its own open proposal."""
        actor.require("operator")
        self.proposal(actor, proposal_id)  # scope and existence before the body
        reason = command(Withdraw, given).reason
        return self._step(
            actor, proposal_id, expected, lambda p, by: p.withdraw(reason, by)
        )

    def record_verval(
        self,
        actor: Actor,
        proposal_id: object,
        given: RecordVerval | Any,
        expected: int | None = None,
    ) -> Proposal:
        """A district verifier records eligibility and the NIK match."""
        actor.require("verifier")
        self.proposal(actor, proposal_id)  # scope and existence before the body
        outcome = command(RecordVerval, given).outcome()
        return self._step(
            actor, proposal_id, expected, lambda p, by: p.record_verval(outcome, by)
        )

    def return_for_correction(
        self,
        actor: Actor,
        proposal_id: object,
        given: ReturnForCorrection | Any,
        expected: int | None = None,
    ) -> Proposal:
        """The ministry sends a ratified proposal back to the district."""
        actor.require("ministry")
        self.proposal(actor, proposal_id)  # scope and existence before the body
        reason = command(ReturnForCorrection, given).reason
        return self._step(
            actor,
            proposal_id,
            expected,
            lambda p, by: p.return_for_correction(reason, by),
        )

    def _step(self, actor: Actor, proposal_id, expected, command) -> Proposal:
        """Load, check the version, run one command, free claims if it closed."""
        by = actor.stamp()

        def attempt():
            proposal = self.proposal(actor, proposal_id)
            check_version(proposal, expected, proposal.describe())
            command(proposal, by)
            closed = [] if proposal.is_open else self.release_claims(proposal, by)
            return [proposal, *closed], proposal

        return self.commit(attempt)
