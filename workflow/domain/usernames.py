"""Usernames: each one a stream that names its account, found in one load."""

from __future__ import annotations

import re
from uuid import UUID, uuid5

from workflow.domain.facts import LedgerAggregate, fact, versioned
from workflow.domain.ids import NAMESPACE
from workflow.problems import Problem

USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{2,39}")


def username_id(username: str) -> UUID:
    """The stream id of a username, the same whatever its letter case."""
    return uuid5(NAMESPACE, f"username:{username.strip().lower()}")


def username_problem(username: object) -> str | None:
    """Why a username may not be used, or None."""
    if not isinstance(username, str) or not USERNAME.fullmatch(username.lower()):
        return Problem("username.invalid")
    return None


@versioned
class Username(LedgerAggregate):
    """A username, held by one account for good."""

    TOPIC = "dtks.username"

    @fact(
        "Claimed",
        "dtks.username.claimed",
        "a username was given to an account (usernames are never reused)",
        "admin, or the operating-system user at the command line",
    )
    def __init__(self, id: UUID, username: str, user_id: str, by: dict):
        self.username = username
        self.user_id = user_id
