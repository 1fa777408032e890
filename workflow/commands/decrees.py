"""Commands of the regent's ratification and the ministry's determination."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from workflow.commands.values import KabkotaCode
from workflow.fields import NUMBER_LIMIT, Errors, iso_date, listing, object_body, text
from workflow.problems import Problem

PERIOD = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


@dataclass(frozen=True)
class Ratify:
    """An SK bupati/walikota ratifying verified proposals of the kabupaten/kota."""

    kabkota: KabkotaCode
    decree_number: str
    signed_on: dt.date
    proposal_ids: tuple[str, ...]

    @classmethod
    def from_body(cls, body: Any) -> Ratify:
        """The command a request body describes, or InvalidInput by field path."""
        errors, body = object_body(body)
        fields = {
            "kabkota": KabkotaCode.checked(errors, "kabkota", body.get("kabkota")),
            "decree_number": _decree_number(errors, body),
            "signed_on": iso_date(errors, "signed_on", body.get("signed_on")),
            "proposal_ids": _proposal_ids(errors, body.get("proposal_ids"), True),
        }
        errors.raise_any()
        return cls(**fields)

    def decree(self) -> dict:
        """The decree as the Signed event records it."""
        return {
            "kabkota": str(self.kabkota),
            "decree_number": self.decree_number,
            "signed_on": self.signed_on.isoformat(),
        }


@dataclass(frozen=True)
class Determine:
    """The ministry's determination for a period; without ids, every ratified one."""

    period: str
    decree_number: str
    effective_on: dt.date
    proposal_ids: tuple[str, ...] | None = None

    @classmethod
    def from_body(cls, body: Any) -> Determine:
        """The command a request body describes, or InvalidInput by field path."""
        errors, body = object_body(body)
        period = body.get("period")
        if not isinstance(period, str) or not PERIOD.fullmatch(period):
            errors.add("period", Problem("period.invalid"))
        fields = {
            "period": period,
            "decree_number": _decree_number(errors, body),
            "effective_on": iso_date(errors, "effective_on", body.get("effective_on")),
            "proposal_ids": _proposal_ids(errors, body.get("proposal_ids"), False),
        }
        errors.raise_any()
        return cls(**fields)

    def decree(self) -> dict:
        """The decree as the Made event records it."""
        return {
            "period": self.period,
            "decree_number": self.decree_number,
            "effective_on": self.effective_on.isoformat(),
        }


def _decree_number(errors: Errors, body: dict) -> Any:
    return text(
        errors,
        "decree_number",
        body.get("decree_number"),
        required=True,
        limit=NUMBER_LIMIT,
    )


def _proposal_ids(errors: Errors, value: Any, required: bool) -> Any:
    if value is None and not required:
        return None
    ids = listing(errors, "proposal_ids", value)
    seen: set[str] = set()  # a set, not ids.index: one large body stays linear
    for index, pid in enumerate(ids):
        if not isinstance(pid, str) or not pid:
            errors.add(f"proposal_ids.{index}", Problem("proposal.id"))
        elif pid in seen:
            errors.add(
                f"proposal_ids.{index}", Problem("proposal.repeated", proposal_id=pid)
            )
        else:
            seen.add(pid)
    if required and not ids and "proposal_ids" not in errors:
        errors.add("proposal_ids", Problem("proposals.required"))
    return tuple(ids)
