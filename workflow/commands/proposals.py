"""Commands on a single proposal: submit, withdraw, verval, return for correction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from workflow.commands.values import DesaCode, Kk, Nik
from workflow.drafts import check_proposal
from workflow.fields import (
    NOTE_LIMIT,
    REASON_LIMIT,
    boolean,
    iso_date,
    object_body,
    text,
)


@dataclass(frozen=True)
class Member:
    """A person named by a proposal; in a removal only the NIK, in an update the
    NIK and the corrected fields."""

    nik: Nik
    name: str | None = None
    birth_date: dt.date | None = None
    sex: str | None = None
    relationship: str | None = None
    disability: str | None = None
    occupation: str | None = None

    @classmethod
    def of(cls, checked: dict) -> Member:
        """The member of a checked proposal body."""
        born = checked.get("birth_date")
        return cls(
            **{
                **checked,
                "nik": Nik(checked["nik"]),
                "birth_date": dt.date.fromisoformat(born) if born else None,
            }
        )

    def as_dict(self) -> dict[str, str]:
        """The member as a proposal records it: the fields given, dates ISO."""
        shown = {k: v for k, v in vars(self).items() if v is not None}
        shown["nik"] = str(self.nik)
        if self.birth_date is not None:
            shown["birth_date"] = self.birth_date.isoformat()
        return shown


@dataclass(frozen=True)
class SubmitProposal:
    """An operator's proposal to add, remove or correct a family or its members."""

    kind: str
    desa: DesaCode
    kk: Kk
    address: str | None
    members: tuple[Member, ...]
    criteria: tuple[str, ...] = ()
    reason: str | None = None
    note: str | None = None

    @classmethod
    def from_body(cls, body: Any) -> SubmitProposal:
        """The command a request body describes, or InvalidInput by field path."""
        content = check_proposal(body)
        members = tuple(Member.of(member) for member in content["members"])
        return cls(
            kind=content["kind"],
            desa=DesaCode(content["desa"]),
            kk=Kk(content["family"]["kk"]),
            address=content["family"]["address"],
            members=members,
            criteria=tuple(content["criteria"]),
            reason=content["reason"],
            note=content["note"],
        )

    def content(self) -> dict:
        """The proposal as its Submitted event records it."""
        return {
            "kind": self.kind,
            "desa": str(self.desa),
            "family": {"kk": str(self.kk), "address": self.address},
            "members": [member.as_dict() for member in self.members],
            "criteria": list(self.criteria),
            "reason": self.reason,
            "note": self.note,
        }


@dataclass(frozen=True)
class _Reasoned:
    """A step on a proposal that says why, in words."""

    reason: str

    @classmethod
    def from_body(cls, body: Any) -> Any:
        """The command a request body describes, or InvalidInput."""
        return cls(_reason_only(body))


@dataclass(frozen=True)
class Withdraw(_Reasoned):
    """The village withdraws its own open proposal, saying why."""


@dataclass(frozen=True)
class ReturnForCorrection(_Reasoned):
    """The ministry sends a ratified proposal back, saying what to correct."""


def _reason_only(body: Any) -> str:
    errors, body = object_body(body)
    reason = text(
        errors, "reason", body.get("reason"), required=True, limit=REASON_LIMIT
    )
    errors.raise_any()
    return reason


@dataclass(frozen=True)
class RecordVerval:
    """The district's verification: eligibility, NIK match, when it was checked."""

    eligible: bool
    nik_matched: bool
    checked_on: dt.date
    note: str | None = None

    @classmethod
    def from_body(cls, body: Any) -> RecordVerval:
        """The command a request body describes, or InvalidInput by field."""
        errors, body = object_body(body)
        fields = {
            "eligible": boolean(errors, "eligible", body.get("eligible")),
            "nik_matched": boolean(errors, "nik_matched", body.get("nik_matched")),
            "checked_on": iso_date(errors, "checked_on", body.get("checked_on")),
            "note": text(
                errors, "note", body.get("note"), required=False, limit=NOTE_LIMIT
            ),
        }
        errors.raise_any()
        return cls(**fields)

    def outcome(self) -> dict:
        """The verval as its event records it."""
        return {
            "eligible": self.eligible,
            "nik_matched": self.nik_matched,
            "checked_on": self.checked_on.isoformat(),
            "note": self.note,
        }
