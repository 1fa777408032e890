"""A proposal (usulan) to add, remove or correct a family or its members."""

from __future__ import annotations

from workflow.domain.facts import LedgerAggregate, fact, versioned
from workflow.domain.transitions import CLOSED, check_step
from workflow.problems import Problem


@versioned
class Proposal(LedgerAggregate):
    """One usulan and everything decided about it, in order."""

    TOPIC = "dtks.proposal"

    @fact(
        "Submitted",
        "dtks.proposal.submitted",
        "a village operator proposed adding, removing or correcting people",
        "operator of the desa",
    )
    def __init__(self, content: dict, by: dict):
        self.kind: str = content["kind"]
        self.desa: str = content["desa"]
        self.family: dict = content["family"]
        self.members: list[dict] = content["members"]
        self.criteria: list[str] = content["criteria"]
        self.reason: str | None = content["reason"]
        self.note: str | None = content["note"]
        self.submitted_by = by
        self.status = "submitted"
        self.deliberation_id: str | None = None
        self.rejected_stage: str | None = None

    @property
    def kk(self) -> str:
        """The family card number the proposal is about."""
        return self.family["kk"]

    @property
    def niks(self) -> list[str]:
        """The NIKs the proposal names."""
        return [m["nik"] for m in self.members]

    @property
    def whole_family(self) -> bool:
        """True when the proposal removes the family itself (no member named)."""
        return self.kind == "remove" and not self.members

    @property
    def is_open(self) -> bool:
        """True until the proposal is rejected, withdrawn or determined."""
        return self.status not in CLOSED

    def describe(self) -> Problem:
        """How error messages name this proposal."""
        return Problem("record.named", what="proposal", key=self.id)

    def _step(self, step: str) -> str:
        return check_step(self.describe(), self.status, step)

    def table(self, deliberation_id: str, by: dict) -> None:
        """Put the proposal before a village deliberation."""
        self._step("table")
        self._tabled(deliberation_id, by)

    @fact(
        "Tabled",
        "dtks.proposal.tabled",
        "the proposal was put before a submitted village deliberation",
        "operator of the desa (by submitting the deliberation)",
    )
    def _tabled(self, deliberation_id: str, by: dict) -> None:
        self.status = "in_deliberation"
        self.deliberation_id = deliberation_id

    def return_to_village(self, note: str | None, by: dict) -> None:
        """Send the proposal back with its deliberation for rework."""
        self._step("return to the village")
        self._returned_to_village(note, by)

    @fact(
        "ReturnedToVillage",
        "dtks.proposal.returned_to_village",
        "the camat returned the deliberation; the proposal is submitted again",
        "camat of the kecamatan",
    )
    def _returned_to_village(self, note: str | None, by: dict) -> None:
        self.status = "submitted"

    def endorse(self, note: str | None, by: dict) -> None:
        """Record the camat's approval of a deliberation that approved this."""
        self._step("endorse")
        self._endorsed(self.deliberation_id, note, by)

    @fact(
        "Endorsed",
        "dtks.proposal.endorsed",
        "the camat approved a deliberation that decided to approve the proposal",
        "camat of the kecamatan",
    )
    def _endorsed(self, deliberation_id: str | None, note: str | None, by: dict):
        self.status = "endorsed"

    def reject_at_deliberation(self, note: str | None, by: dict) -> None:
        """Record the camat's approval of a deliberation that rejected this."""
        self._step("reject at deliberation")
        self._rejected("deliberation", note, by)

    def record_verval(self, outcome: dict, by: dict) -> None:
        """Record the district's verval: verified, or rejected at verval."""
        passed = outcome["eligible"] and outcome["nik_matched"]
        self._step("verify" if passed else "reject at verval")
        if passed:
            self._verified(outcome, by)
        else:
            self._rejected("verval", outcome.get("note"), by, verval=outcome)

    @fact(
        "Verified",
        "dtks.proposal.verified",
        "the district verifier found the family eligible and the NIK matched",
        "verifier of the kabupaten/kota",
    )
    def _verified(self, verval: dict, by: dict) -> None:
        self.status = "verified"

    @fact(
        "Rejected",
        "dtks.proposal.rejected",
        "the proposal was rejected at deliberation or at verval (see stage)",
        "camat (stage deliberation) or verifier (stage verval)",
    )
    def _rejected(
        self, stage: str, note: str | None, by: dict, verval: dict | None = None
    ):
        self.status = "rejected"
        self.rejected_stage = stage

    def ratify(self, ratification_id: str, decree_number: str, by: dict) -> None:
        """Include the proposal in a regent's or mayor's decree (SK)."""
        self._step("ratify")
        self._ratified(ratification_id, decree_number, by)

    @fact(
        "Ratified",
        "dtks.proposal.ratified",
        "the regent or mayor ratified the proposal in a decree (SK)",
        "ratifier of the kabupaten/kota",
    )
    def _ratified(self, ratification_id: str, decree_number: str, by: dict):
        self.status = "ratified"

    def return_for_correction(self, reason: str, by: dict) -> None:
        """The ministry sends a ratified proposal back to the district."""
        self._step("return for correction")
        self._returned_for_correction(reason, by)

    @fact(
        "ReturnedForCorrection",
        "dtks.proposal.returned_for_correction",
        "the ministry returned a ratified proposal to the district for correction",
        "ministry",
    )
    def _returned_for_correction(self, reason: str, by: dict) -> None:
        self.status = "endorsed"

    def determine(self, determination_id: str, decree: dict, by: dict) -> None:
        """The ministry's determination puts the proposal into effect."""
        self._step("determine")
        self._determined(determination_id, decree, by)

    @fact(
        "Determined",
        "dtks.proposal.determined",
        "the ministry's determination put the proposal into effect",
        "ministry",
    )
    def _determined(self, determination_id: str, decree: dict, by: dict) -> None:
        self.status = "determined"

    def withdraw(self, reason: str, by: dict) -> None:
        """The village withdraws its own proposal."""
        self._step("withdraw")
        self._withdrawn(reason, by)

    @fact(
        "Withdrawn",
        "dtks.proposal.withdrawn",
        "the village operator withdrew the proposal",
        "operator of the desa",
    )
    def _withdrawn(self, reason: str, by: dict) -> None:
        self.status = "withdrawn"
