"""Use cases of the regent's ratification and the ministry's determination."""

from __future__ import annotations

from typing import Any

from workflow.actors import Actor
from workflow.commands import Determine, Ratify, command
from workflow.domain.decrees import Determination, Ratification
from workflow.domain.proposal import Proposal
from workflow.regions import within
from workflow.usecases.core import LedgerCore, require_region_in
from workflow.usecases.enactment import Enactment


class DecreeUseCases(LedgerCore):
    """Ratification by SK bupati/walikota and the ministry's determination."""

    def ratify(self, actor: Actor, given: Ratify | Any) -> Ratification:
        """The regent or mayor ratifies verified proposals of the kabupaten/kota."""
        actor.require("ratifier")
        require_region_in(actor, given, "kabkota", 2)
        ratify = command(Ratify, given)
        decree, ids = ratify.decree(), list(ratify.proposal_ids)
        kabkota = decree["kabkota"]
        actor.require_region(kabkota)
        by = actor.stamp()

        def attempt():
            # Another kabupaten's proposal is answered as one that does not exist.
            proposals = self.referenced(
                Proposal, ids, "proposal_ids", lambda p: within(p.desa, kabkota)
            )
            ratification = Ratification(decree, ids, by=by)
            for proposal in proposals:
                proposal.ratify(str(ratification.id), decree["decree_number"], by)
            return [ratification, *proposals], ratification

        return self.commit(attempt)

    def determine(self, actor: Actor, given: Determine | Any) -> Determination:
        """The ministry determines ratified proposals, changing the registry."""
        actor.require("ministry")
        determine = command(Determine, given)
        decree = determine.decree()
        ids = None if determine.proposal_ids is None else list(determine.proposal_ids)
        by = actor.stamp()

        def attempt():
            chosen, proposals = self._chosen(ids)
            determination = Determination(decree, chosen, by=by)
            enactment = Enactment(self, determination, by)
            for proposal in proposals:
                enactment.apply(proposal)
            return [determination, *enactment.changed()], determination

        return self.commit(attempt)

    def _chosen(self, ids: list[str] | None) -> tuple[list[str], list[Proposal]]:
        """The proposals a determination names, or every ratified one."""
        if ids is not None:
            return ids, self.referenced(Proposal, ids, "proposal_ids")
        found = self.referenced(Proposal, self.ratified_proposal_ids(), "proposal_ids")
        proposals = [p for p in found if p.status == "ratified"]  # the index may
        return [str(p.id) for p in proposals], proposals  # trail a moment's step

    def ratified_proposal_ids(self) -> list[str]:
        """Every proposal that is ratified now, oldest ratification first."""
        return self._index().ratified_proposal_ids()
