"""One NIK as an aggregate: it claims, releases and enrols, so a person is in at
most one open proposal and one family."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.domain import Aggregate

from workflow.domain.facts import LedgerAggregate, catalogued, fact, versioned
from workflow.domain.ids import person_id
from workflow.errors import ProposalConflict
from workflow.problems import Problem


@versioned
class Person(LedgerAggregate):
    """One NIK: its open proposal, and the family it is registered in."""

    TOPIC = "dtks.person"

    @staticmethod
    def create_id(nik: str, by: dict) -> UUID:
        """Derive the stream id from the NIK."""
        return person_id(nik)

    @fact(
        "Identified",
        "dtks.person.identified",
        "a NIK appeared for the first time, in a proposal",
        "whoever first named the NIK",
    )
    def __init__(self, nik: str, by: dict):
        self.nik = nik
        self.open_proposal: str | None = None
        self.kk: str | None = None
        self.desa: str | None = None
        self.details: dict = {}

    @catalogued(
        "the person was in the existing DTKS a region started from, in a family",
        "admin, or the operating-system user at the command line (baseline import)",
    )
    class Baselined(Aggregate.Created):
        """Created and enrolled at once: one event per person of a baseline."""

        TOPIC = "dtks.person.baselined"
        nik: str
        kk: str
        desa: str
        details: dict
        change: dict
        by: dict

        def apply(self, person: Person) -> None:
            """The person is registered from the start of the stream."""
            person.kk, person.desa, person.details = self.kk, self.desa, self.details

    @property
    def registered(self) -> bool:
        """True while the person is in the registry."""
        return self.kk is not None

    def claim(self, proposal_id: str, by: dict) -> None:
        """Reserve the NIK for one open proposal."""
        if self.open_proposal not in (None, proposal_id):
            raise ProposalConflict(
                Problem("nik.open_proposal", nik=self.nik, proposal=self.open_proposal)
            )
        self._claimed(proposal_id, by)

    @fact(
        "Claimed",
        "dtks.person.claimed",
        "an open proposal reserved the NIK",
        "operator (by submitting a proposal)",
    )
    def _claimed(self, proposal_id: str, by: dict) -> None:
        self.open_proposal = proposal_id

    def release(self, proposal_id: str, by: dict) -> None:
        """Free the NIK when its proposal closes."""
        if self.open_proposal == proposal_id:
            self._released(proposal_id, by)

    @fact(
        "Released",
        "dtks.person.released",
        "the proposal that reserved the NIK was closed",
        "whoever closed the proposal",
    )
    def _released(self, proposal_id: str, by: dict) -> None:
        self.open_proposal = None

    def enrol(self, kk: str, desa: str, details: dict, change: dict, by: dict):
        """Register the person in a family, effective as the change says."""
        if self.registered:
            raise ProposalConflict(Problem("nik.in_family", nik=self.nik, kk=self.kk))
        self._enrolled(self.nik, kk, desa, details, change, by)

    @fact(
        "Enrolled",
        "dtks.person.enrolled",
        "the person entered the registry in a family, effective on a date",
        "ministry (determination) or admin (baseline import)",
    )
    def _enrolled(
        self, nik: str, kk: str, desa: str, details: dict, change: dict, by: dict
    ):
        self.kk, self.desa, self.details = kk, desa, details

    def correct(self, corrections: dict, change: dict, by: dict) -> None:
        """Correct the registered data of the person."""
        self._corrected(self.nik, corrections, change, by)

    @fact(
        "Corrected",
        "dtks.person.corrected",
        "the person's registered data was corrected, effective on a date",
        "ministry (determination)",
    )
    def _corrected(self, nik: str, corrections: dict, change: dict, by: dict):
        self.details = {**self.details, **corrections}

    def remove(self, reason: str, change: dict, by: dict) -> None:
        """Take the person out of the registry."""
        self._removed(self.nik, self.kk, reason, change, by)

    @fact(
        "Removed",
        "dtks.person.removed",
        "the person left the registry (deceased, moved, ...), effective on a date",
        "ministry (determination)",
    )
    def _removed(self, nik: str, kk: str | None, reason: str, change: dict, by: dict):
        self.kk = self.desa = None
