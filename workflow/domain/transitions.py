"""The proposal state machine of SPEC §4, as one table."""

from __future__ import annotations

from workflow.errors import InvalidTransition
from workflow.problems import Problem

OPEN = ("submitted", "in_deliberation", "endorsed", "verified", "ratified")
CLOSED = ("rejected", "withdrawn", "determined")

#: step -> (statuses it may start from, status it leads to)
STEPS: dict[str, tuple[tuple[str, ...], str]] = {
    "table": (("submitted",), "in_deliberation"),
    "return to the village": (("in_deliberation",), "submitted"),
    "endorse": (("in_deliberation",), "endorsed"),
    "reject at deliberation": (("in_deliberation",), "rejected"),
    "verify": (("endorsed",), "verified"),
    "reject at verval": (("endorsed",), "rejected"),
    "ratify": (("verified",), "ratified"),
    "determine": (("ratified",), "determined"),
    "return for correction": (("ratified",), "endorsed"),
    "withdraw": (("submitted", "in_deliberation", "endorsed", "verified"), "withdrawn"),
}


def check_step(what: object, status: str, step: str) -> str:
    """Return the status a step leads to, or refuse a step the diagram lacks."""
    allowed, target = STEPS[step]
    if status not in allowed:
        raise InvalidTransition(
            Problem(
                "step.not_allowed", what=what, status=status, step=step, allowed=allowed
            )
        )
    return target
