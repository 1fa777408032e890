"""Use cases of the regent's ratification and the ministry's determination."""

from __future__ import annotations

import re
from typing import Any

from workflow.actors import Actor
from workflow.domain.decrees import Determination, Ratification
from workflow.domain.proposal import Proposal
from workflow.errors import InvalidTransition
from workflow.fields import Errors, iso_date, listing, object_body, text
from workflow.regions import region_problem, within
from workflow.usecases.core import LedgerCore, require_region_in
from workflow.usecases.enactment import Enactment

PERIOD = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


class DecreeUseCases(LedgerCore):
    """Ratification by SK bupati/walikota and the ministry's determination."""

    def ratify(self, actor: Actor, body: Any) -> Ratification:
        """The regent or mayor ratifies verified proposals of the kabupaten/kota."""
        actor.require("ratifier")
        require_region_in(actor, body, "kabkota", 2)
        decree, ids = _ratification(body)
        actor.require_region(decree["kabkota"])
        by = actor.stamp()

        def attempt():
            proposals = self.referenced(Proposal, ids, "proposal_ids")
            ratification = Ratification(decree, ids, by=by)
            for proposal in proposals:
                if not within(proposal.desa, decree["kabkota"]):
                    raise InvalidTransition(
                        f"{proposal.describe()} lies in desa {proposal.desa}, outside "
                        f"kabupaten/kota {decree['kabkota']}"
                    )
                proposal.ratify(str(ratification.id), decree["decree_number"], by)
            return [ratification, *proposals], ratification

        return self.commit(attempt)

    def determine(self, actor: Actor, body: Any) -> Determination:
        """The ministry determines ratified proposals, changing the registry."""
        actor.require("ministry")
        decree, ids = _determination(body)
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


def _ratification(body: Any) -> tuple[dict, list[str]]:
    errors, body = object_body(body)
    errors.add("kabkota", region_problem(body.get("kabkota"), 2))
    signed_on = iso_date(errors, "signed_on", body.get("signed_on"))
    decree = {
        "kabkota": body.get("kabkota"),
        "decree_number": text(
            errors, "decree_number", body.get("decree_number"), required=True, limit=100
        ),
        "signed_on": signed_on.isoformat() if signed_on else None,
    }
    ids = _proposal_ids(errors, body.get("proposal_ids"), required=True)
    errors.raise_any()
    return decree, ids or []


def _determination(body: Any) -> tuple[dict, list[str] | None]:
    errors, body = object_body(body)
    period = body.get("period")
    if not isinstance(period, str) or not PERIOD.fullmatch(period):
        errors.add("period", "the period is a month written YYYY-MM, like 2026-11")
    effective_on = iso_date(errors, "effective_on", body.get("effective_on"))
    decree = {
        "period": period,
        "decree_number": text(
            errors, "decree_number", body.get("decree_number"), required=True, limit=100
        ),
        "effective_on": effective_on.isoformat() if effective_on else None,
    }
    ids = _proposal_ids(errors, body.get("proposal_ids"), required=False)
    errors.raise_any()
    return decree, ids


def _proposal_ids(errors: Errors, value: Any, *, required: bool) -> list[str] | None:
    if value is None and not required:
        return None
    ids = listing(errors, "proposal_ids", value)
    for index, pid in enumerate(ids):
        if not isinstance(pid, str) or not pid:
            errors.add(f"proposal_ids.{index}", "must be a proposal id")
        elif ids.index(pid) != index:
            errors.add(f"proposal_ids.{index}", f"proposal {pid} is listed twice")
    if required and not ids and "proposal_ids" not in errors:
        errors.add("proposal_ids", "name at least one proposal")
    return ids
