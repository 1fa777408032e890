"""Commands of a village deliberation (Musdes/Muskel) and the camat's decision."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from workflow.commands.values import DesaCode
from workflow.fields import (
    ID_LIMIT,
    NOTE_LIMIT,
    NUMBER_LIMIT,
    TEXT_LIMIT,
    Errors,
    choice,
    iso_date,
    listing,
    mapping,
    object_body,
    text,
    whole_number,
)
from workflow.problems import Problem

OUTCOMES = ("approve", "reject")
CAMAT_DECISIONS = ("approve", "return")
MIN_ATTENDEES = 1
LIMITS = {
    "minutes_number": NUMBER_LIMIT,
    "chaired_by": TEXT_LIMIT,
    "proposal_id": ID_LIMIT,
}


@dataclass(frozen=True)
class Decision:
    """What the deliberation decided on one proposal."""

    proposal_id: str
    outcome: str
    note: str | None = None

    def as_dict(self) -> dict:
        """The decision as the deliberation's events record it."""
        return {
            "proposal_id": self.proposal_id,
            "outcome": self.outcome,
            "note": self.note,
        }


@dataclass(frozen=True)
class ReviseDecisions:
    """The operator's new list of decisions of an open or returned deliberation."""

    decisions: tuple[Decision, ...]

    @classmethod
    def from_body(cls, body: Any) -> ReviseDecisions:
        """The command a request body describes, or InvalidInput by field path."""
        errors, body = object_body(body)
        decisions = _decisions(errors, body.get("decisions"))
        errors.raise_any()
        return cls(decisions)


@dataclass(frozen=True)
class OpenDeliberation:
    """The minutes of a Musdes/Muskel: where, when, who chaired, how many came,
    and what it decided on each proposal."""

    desa: DesaCode
    held_on: dt.date
    minutes_number: str
    chaired_by: str
    attendees: int
    decisions: tuple[Decision, ...]

    @classmethod
    def from_body(cls, body: Any) -> OpenDeliberation:
        """The command a request body describes, or InvalidInput by field path."""
        errors, body = object_body(body)
        fields = {
            "desa": DesaCode.checked(errors, "desa", body.get("desa")),
            "held_on": iso_date(errors, "held_on", body.get("held_on")),
            "minutes_number": _text(errors, body, "minutes_number"),
            "chaired_by": _text(errors, body, "chaired_by"),
            "attendees": whole_number(
                errors, "attendees", body.get("attendees"), minimum=MIN_ATTENDEES
            ),
            "decisions": _decisions(errors, body.get("decisions")),
        }
        errors.raise_any()
        return cls(**fields)

    def minutes(self) -> dict:
        """The minutes as the Opened event records them."""
        return {
            "desa": str(self.desa),
            "held_on": self.held_on.isoformat(),
            "minutes_number": self.minutes_number,
            "chaired_by": self.chaired_by,
            "attendees": self.attendees,
        }


def recorded(decisions: tuple[Decision, ...]) -> list[dict]:
    """Decisions as a deliberation's events record them."""
    return [decision.as_dict() for decision in decisions]


def _text(errors: Errors, body: dict, field: str) -> Any:
    return text(errors, field, body.get(field), required=True, limit=LIMITS[field])


def _decisions(errors: Errors, value: Any) -> tuple[Decision, ...]:
    decisions: list[Decision] = []
    seen: set[str] = set()
    for index, item in enumerate(listing(errors, "decisions", value)):
        path = f"decisions.{index}"
        item = mapping(errors, path, item)
        pid = text(
            errors,
            f"{path}.proposal_id",
            item.get("proposal_id"),
            required=True,
            limit=LIMITS["proposal_id"],
        )
        if pid in seen:
            errors.add(
                f"{path}.proposal_id", Problem("proposal.repeated", proposal_id=pid)
            )
        seen.add(pid)
        outcome = choice(errors, f"{path}.outcome", item.get("outcome"), OUTCOMES)
        note = text(
            errors, f"{path}.note", item.get("note"), required=False, limit=NOTE_LIMIT
        )
        decisions.append(Decision(pid, outcome, note))
    if not decisions and "decisions" not in errors:
        errors.add("decisions", Problem("decisions.required"))
    return tuple(decisions)


@dataclass(frozen=True)
class DecideDeliberation:
    """The camat approves the deliberation's decisions, or returns it with a note."""

    decision: str
    note: str | None = None

    @classmethod
    def from_body(cls, body: Any) -> DecideDeliberation:
        """The command a request body describes, or InvalidInput by field."""
        errors, body = object_body(body)
        decision = choice(errors, "decision", body.get("decision"), CAMAT_DECISIONS)
        note = text(errors, "note", body.get("note"), required=False, limit=NOTE_LIMIT)
        errors.raise_any()
        return cls(decision, note)
