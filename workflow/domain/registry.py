"""Per-NIK and per-KK aggregates: they claim, release and enrol, so the registry
rules hold even when two requests arrive at the same instant.

Their ids are derived from the NIK or KK, so two processes that touch the same
person write to the same event stream and the store lets only one of them win.
"""

from __future__ import annotations

import hashlib
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from workflow.domain.facts import LedgerAggregate, catalogued, fact, versioned
from workflow.errors import ProposalConflict
from workflow.problems import Problem

NAMESPACE = uuid5(NAMESPACE_URL, "https://dtks.kemensos.go.id/verval-ledger")
_NAMESPACE_BYTES = NAMESPACE.bytes


def person_id(nik: str) -> UUID:
    """The event-stream id of the person with this NIK."""
    return UUID(hex=person_hex(nik))


def family_id(kk: str) -> UUID:
    """The event-stream id of the family with this No. KK."""
    return UUID(hex=family_hex(kk))


def person_hex(nik: str) -> str:
    """`person_id(nik)` as 32 hex digits, the form a bulk load stores."""
    return _name_based(f"nik:{nik}")


def family_hex(kk: str) -> str:
    """`family_id(kk)` as 32 hex digits."""
    return _name_based(f"kk:{kk}")


def _name_based(name: str) -> str:
    # uuid5(NAMESPACE, name).hex, without building UUID objects: a baseline
    # import derives a million of these.
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + name.encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    return digest.hex()


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


@versioned
class Family(LedgerAggregate):
    """One No. KK: its open proposals, its desa, address and registered members."""

    TOPIC = "dtks.family"

    @staticmethod
    def create_id(kk: str, by: dict) -> UUID:
        """Derive the stream id from the No. KK."""
        return family_id(kk)

    @fact(
        "Identified",
        "dtks.family.identified",
        "a No. KK appeared for the first time, in a proposal",
        "whoever first named the No. KK",
    )
    def __init__(self, kk: str, by: dict):
        self.kk = kk
        self.open_proposals: dict[str, bool] = {}
        self.desa: str | None = None
        self.address: str | None = None
        self.members: list[str] = []
        self.registered = False

    @catalogued(
        "the family was in the existing DTKS a region started from, with its "
        "desa, address and members",
        "admin, or the operating-system user at the command line (baseline import)",
    )
    class Baselined(Aggregate.Created):
        """Created and registered with its members at once, by a baseline."""

        TOPIC = "dtks.family.baselined"
        kk: str
        desa: str
        address: str | None
        members: list
        change: dict
        by: dict

        def apply(self, family: Family) -> None:
            """The family is registered from the start of the stream."""
            family.desa, family.address = self.desa, self.address
            family.members, family.registered = list(self.members), True

    def claim(self, proposal_id: str, whole_family: bool, by: dict) -> None:
        """Note an open proposal on the family; a whole-family one stands alone."""
        others = {p: w for p, w in self.open_proposals.items() if p != proposal_id}
        blocking = [p for p, w in others.items() if w or whole_family]
        if blocking:
            whole = "kk.open_family_proposal" if others[blocking[0]] else None
            raise ProposalConflict(
                Problem(whole or "kk.open_proposal", kk=self.kk, proposal=blocking[0])
            )
        self._claimed(proposal_id, whole_family, by)

    @fact(
        "Claimed",
        "dtks.family.claimed",
        "an open proposal concerns the family (exclusively when it is whole-family)",
        "operator (by submitting a proposal)",
    )
    def _claimed(self, proposal_id: str, whole_family: bool, by: dict) -> None:
        self.open_proposals[proposal_id] = whole_family

    def release(self, proposal_id: str, by: dict) -> None:
        """Forget a proposal that closed."""
        if proposal_id in self.open_proposals:
            self._released(proposal_id, by)

    @fact(
        "Released",
        "dtks.family.released",
        "a proposal on the family was closed",
        "whoever closed the proposal",
    )
    def _released(self, proposal_id: str, by: dict) -> None:
        self.open_proposals.pop(proposal_id, None)

    def register(self, desa: str, address: str | None, change: dict, by: dict):
        """Enter the family into the registry."""
        self._registered(self.kk, desa, address, change, by)

    @fact(
        "Registered",
        "dtks.family.registered",
        "the family entered the registry in a desa, effective on a date",
        "ministry (determination) or admin (baseline import)",
    )
    def _registered(
        self, kk: str, desa: str, address: str | None, change: dict, by: dict
    ):
        self.desa, self.address, self.registered = desa, address, True

    def change_members(self, joined: list, left: list, change: dict, by: dict):
        """Record members joining or leaving the family."""
        self._members_changed(self.kk, joined, left, change, by)

    @fact(
        "MembersChanged",
        "dtks.family.members_changed",
        "members joined or left the family, effective on a date",
        "ministry (determination) or admin (baseline import)",
    )
    def _members_changed(
        self, kk: str, joined: list, left: list, change: dict, by: dict
    ):
        self.members = [n for n in self.members if n not in left] + list(joined)

    def correct_address(self, address: str, change: dict, by: dict) -> None:
        """Correct the family's registered address."""
        self._address_corrected(self.kk, address, change, by)

    @fact(
        "AddressCorrected",
        "dtks.family.address_corrected",
        "the family's address was corrected, effective on a date",
        "ministry (determination)",
    )
    def _address_corrected(self, kk: str, address: str, change: dict, by: dict):
        self.address = address

    def dissolve(self, change: dict, by: dict) -> None:
        """Take the family out of the registry once it has no members."""
        self._dissolved(self.kk, change, by)

    @fact(
        "Dissolved",
        "dtks.family.dissolved",
        "the family left the registry, effective on a date",
        "ministry (determination)",
    )
    def _dissolved(self, kk: str, change: dict, by: dict) -> None:
        self.registered = False
        self.members = []
