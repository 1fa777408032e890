"""Typed commands: one frozen dataclass per use case, built from a request body
by `from_body`, which applies every rule about the body's own content once.

The API and the web forms build them (or hand the body to the use case, which
builds them after authorisation); the use cases act on them.
"""

from __future__ import annotations

from typing import Any, TypeVar

from workflow.commands.accounts import (
    AddUser,
    ChangeAccountStatus,
    IssueToken,
    TokenLifetime,
)
from workflow.commands.decrees import Determine, Ratify
from workflow.commands.deliberations import (
    DecideDeliberation,
    Decision,
    OpenDeliberation,
    ReviseDecisions,
)
from workflow.commands.proposals import (
    Member,
    RecordVerval,
    ReturnForCorrection,
    SubmitProposal,
    Withdraw,
)
from workflow.commands.values import DesaCode, KabkotaCode, Kk, Nik, RegionCode

C = TypeVar("C")


def command(cls: type[C], given: Any) -> C:
    """`given` when it already is a command of `cls`, else `cls.from_body(given)`."""
    return given if isinstance(given, cls) else cls.from_body(given)  # type: ignore[attr-defined]


__all__ = [
    "AddUser",
    "ChangeAccountStatus",
    "DecideDeliberation",
    "Decision",
    "DesaCode",
    "Determine",
    "IssueToken",
    "KabkotaCode",
    "Kk",
    "Member",
    "Nik",
    "OpenDeliberation",
    "Ratify",
    "RecordVerval",
    "RegionCode",
    "ReturnForCorrection",
    "ReviseDecisions",
    "SubmitProposal",
    "TokenLifetime",
    "Withdraw",
    "command",
]
