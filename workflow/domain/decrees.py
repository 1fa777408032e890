"""Ratifications (SK bupati/walikota) and ministerial determinations."""

from __future__ import annotations

from workflow.domain.facts import LedgerAggregate, fact, versioned


@versioned
class Ratification(LedgerAggregate):
    """A regent's or mayor's decree ratifying verified proposals."""

    TOPIC = "dtks.ratification"

    @fact(
        "Signed",
        "dtks.ratification.signed",
        "the regent or mayor signed a decree (SK) ratifying verified proposals",
        "ratifier of the kabupaten/kota",
    )
    def __init__(self, decree: dict, proposal_ids: list[str], by: dict):
        self.kabkota: str = decree["kabkota"]
        self.decree_number: str = decree["decree_number"]
        self.signed_on: str = decree["signed_on"]
        self.proposal_ids = proposal_ids
        self.signed_by = by


@versioned
class Determination(LedgerAggregate):
    """The ministry's monthly determination: the only change to the registry."""

    TOPIC = "dtks.determination"

    @fact(
        "Made",
        "dtks.determination.made",
        "the ministry determined ratified proposals, effective on a date",
        "ministry",
    )
    def __init__(self, decree: dict, proposal_ids: list[str], by: dict):
        self.period: str = decree["period"]
        self.decree_number: str = decree["decree_number"]
        self.effective_on: str = decree["effective_on"]
        self.proposal_ids = proposal_ids
        self.made_by = by

    @property
    def applied(self) -> int:
        """How many proposals took effect."""
        return len(self.proposal_ids)
