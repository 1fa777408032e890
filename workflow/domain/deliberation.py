"""A village deliberation (Musdes/Muskel) and the camat's decision on it."""

from __future__ import annotations

from workflow.domain.facts import LedgerAggregate, fact, versioned
from workflow.errors import InvalidTransition
from workflow.problems import Problem

#: The statuses in which the operator may still revise and send the minutes.
EDITABLE = ("open", "returned")


@versioned
class Deliberation(LedgerAggregate):
    """Minutes of one Musdes/Muskel: who met, and what they decided per proposal."""

    TOPIC = "dtks.deliberation"

    @fact(
        "Opened",
        "dtks.deliberation.opened",
        "a village operator recorded the minutes of a Musdes/Muskel",
        "operator of the desa",
    )
    def __init__(self, minutes: dict, decisions: list[dict], by: dict):
        self.desa: str = minutes["desa"]
        self.held_on: str = minutes["held_on"]
        self.minutes_number: str = minutes["minutes_number"]
        self.chaired_by: str = minutes["chaired_by"]
        self.attendees: int = minutes["attendees"]
        self.decisions = decisions
        self.status = "open"
        self.opened_by = by
        self.camat_note: str | None = None

    def describe(self) -> Problem:
        """How error messages name this deliberation."""
        return Problem("deliberation.named", key=self.id, minutes=self.minutes_number)

    def _require(self, step: str, *statuses: str) -> None:
        if self.status not in statuses:
            raise InvalidTransition(
                Problem(
                    "step.not_allowed",
                    what=self.describe(),
                    status=self.status,
                    step=step,
                    allowed=statuses,
                )
            )

    @property
    def proposal_ids(self) -> list[str]:
        """The proposals this deliberation decides on."""
        return [d["proposal_id"] for d in self.decisions]

    def revise(self, decisions: list[dict], by: dict) -> None:
        """Replace the decisions of an open or returned deliberation."""
        self._require("be revised", *EDITABLE)
        self._revised(decisions, by)

    @fact(
        "DecisionsRevised",
        "dtks.deliberation.decisions_revised",
        "the village operator replaced the decisions of an open or returned "
        "deliberation",
        "operator of the desa",
    )
    def _revised(self, decisions: list[dict], by: dict) -> None:
        self.decisions = decisions

    def submit(self, by: dict) -> None:
        """Send the deliberation to the camat."""
        self._require("be submitted", *EDITABLE)
        self._submitted(by)

    @fact(
        "Submitted",
        "dtks.deliberation.submitted",
        "the village operator sent the deliberation to the camat",
        "operator of the desa",
    )
    def _submitted(self, by: dict) -> None:
        self.status = "submitted"

    def approve(self, note: str | None, by: dict) -> None:
        """The camat approves the deliberation's decisions."""
        self._require("be approved", "submitted")
        self._approved(note, by)

    @fact(
        "Approved",
        "dtks.deliberation.approved",
        "the camat approved the deliberation's decisions",
        "camat of the kecamatan",
    )
    def _approved(self, note: str | None, by: dict) -> None:
        self.status = "approved"
        self.camat_note = note

    def return_to_village(self, note: str | None, by: dict) -> None:
        """The camat sends the deliberation back for rework."""
        self._require("be returned", "submitted")
        self._returned(note, by)

    @fact(
        "Returned",
        "dtks.deliberation.returned",
        "the camat returned the deliberation to the village for rework",
        "camat of the kecamatan",
    )
    def _returned(self, note: str | None, by: dict) -> None:
        self.status = "returned"
        self.camat_note = note
