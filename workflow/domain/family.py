"""One No. KK as an aggregate: its open proposals, its desa, address and
registered members."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.domain import Aggregate

from workflow.domain.facts import LedgerAggregate, catalogued, fact, versioned
from workflow.domain.ids import family_id
from workflow.errors import ProposalConflict
from workflow.problems import Problem


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
