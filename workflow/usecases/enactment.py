"""Applying determined proposals to the registry's per-NIK and per-KK streams."""

from __future__ import annotations

from typing import Any

from workflow.domain.decrees import Determination
from workflow.domain.family import Family
from workflow.domain.person import Person
from workflow.domain.proposal import Proposal
from workflow.errors import ProposalConflict
from workflow.problems import Problem


class Enactment:
    """The registry changes of one determination, gathered for one atomic save.

    Several proposals of one determination may touch the same family, so each
    stream is loaded once and every change lands on the same object.
    """

    def __init__(self, ledger: Any, determination: Determination, by: dict):
        self.ledger, self.by = ledger, by
        self.determination = determination
        self.people: dict[str, Person] = {}
        self.families: dict[str, Family] = {}
        self.proposals: list[Proposal] = []

    def person(self, nik: str) -> Person:
        """The stream of a NIK, loaded once per determination."""
        if nik not in self.people:
            self.people[nik] = self.ledger.person(nik, self.by)
        return self.people[nik]

    def family(self, kk: str) -> Family:
        """The stream of a No. KK, loaded once per determination."""
        if kk not in self.families:
            self.families[kk] = self.ledger.family(kk, self.by)
        return self.families[kk]

    def apply(self, proposal: Proposal) -> None:
        """Put one ratified proposal into effect."""
        d = self.determination
        decree = {
            "period": d.period,
            "decree_number": d.decree_number,
            "effective_on": d.effective_on,
        }
        proposal.determine(str(d.id), decree, self.by)
        change = {
            "proposal_id": str(proposal.id),
            "determination_id": str(d.id),
            "effective_on": d.effective_on,
            "kind": proposal.kind,
            "reason": proposal.reason,
        }
        getattr(self, f"_{proposal.kind}")(proposal, change)
        self._release(proposal)
        self.proposals.append(proposal)

    def changed(self) -> list[Any]:
        """Every aggregate the determination changed."""
        return [*self.proposals, *self.families.values(), *self.people.values()]

    def _add(self, proposal: Proposal, change: dict) -> None:
        family = self.family(proposal.kk)
        if not family.registered:
            family.register(
                proposal.desa, proposal.family.get("address"), change, self.by
            )
        for member in proposal.members:
            details = {k: v for k, v in member.items() if k != "nik"}
            self.person(member["nik"]).enrol(
                proposal.kk, proposal.desa, details, change, self.by
            )
        family.change_members(proposal.niks, [], change, self.by)

    def _remove(self, proposal: Proposal, change: dict) -> None:
        family = self.family(proposal.kk)
        niks = proposal.niks or list(family.members)
        for nik in niks:
            person = self.person(nik)
            if person.kk != proposal.kk:
                raise ProposalConflict(
                    Problem("nik.left_family", nik=nik, kk=proposal.kk)
                )
            person.remove(proposal.reason or "", change, self.by)
        family.change_members([], niks, change, self.by)
        if not family.members:
            family.dissolve(change, self.by)

    def _update(self, proposal: Proposal, change: dict) -> None:
        for member in proposal.members:
            corrections = {k: v for k, v in member.items() if k != "nik"}
            if corrections:
                self.person(member["nik"]).correct(corrections, change, self.by)
        address = proposal.family.get("address")
        if address:
            self.family(proposal.kk).correct_address(address, change, self.by)

    def _release(self, proposal: Proposal) -> None:
        pid = str(proposal.id)
        self.family(proposal.kk).release(pid, self.by)
        for nik in proposal.niks:
            self.person(nik).release(pid, self.by)
