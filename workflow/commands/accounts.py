"""Commands about accounts: create one, give it a token, disable or enable it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from workflow.actors import validate_role_scope
from workflow.domain.tokens import MAX_TOKEN_DAYS, TOKEN_DAYS
from workflow.domain.usernames import username_problem
from workflow.fields import (
    REASON_LIMIT,
    Errors,
    iso_date,
    object_body,
    text,
    whole_number,
)
from workflow.problems import Problem


@dataclass(frozen=True)
class TokenLifetime:
    """How long a new token is valid: a number of days, or until a date."""

    days: int | None = None
    until: dt.date | None = None  # the token stops working at 00:00 UTC that day

    def expires_at(self, now: dt.datetime) -> dt.datetime:
        """The moment the token stops working, for a token issued at `now`."""
        if self.until is not None:
            return dt.datetime.combine(self.until, dt.time.min, dt.UTC)
        return now + dt.timedelta(days=self.days or TOKEN_DAYS)

    @classmethod
    def from_fields(cls, errors: Errors, body: dict) -> TokenLifetime:
        """The lifetime `expires_in_days` or `expires` names (default 90 days)."""
        days, until = body.get("expires_in_days"), body.get("expires")
        if days is not None and until is not None:
            errors.add("expires", Problem("token.lifetime_twice"))
            return cls()
        if days is not None:
            days = whole_number(errors, "expires_in_days", days, minimum=1)
            if days is not None and days > MAX_TOKEN_DAYS:
                errors.add(
                    "expires_in_days", Problem("field.maximum", maximum=MAX_TOKEN_DAYS)
                )
        return cls(days, iso_date(errors, "expires", until, required=False))


@dataclass(frozen=True)
class AddUser:
    """An account to create with one role and the region it may act in."""

    name: str
    role: str
    region: str | None = None
    username: str | None = None  # for the web sign-in; None: API tokens only
    lifetime: TokenLifetime = field(default_factory=TokenLifetime)

    @classmethod
    def from_body(cls, body: Any) -> AddUser:
        """The command a request body describes, or InvalidInput by field."""
        errors, body = object_body(body)
        name = text(errors, "name", body.get("name"), required=True)
        role, region = body.get("role"), body.get("region") or None
        username = body.get("username")
        if username is not None:
            errors.add("username", username_problem(username))
        lifetime = TokenLifetime.from_fields(errors, body)
        errors.raise_any()
        validate_role_scope(role, region)
        return cls(name, role, region, username, lifetime)


@dataclass(frozen=True)
class IssueToken:
    """One more token for an account, with its lifetime."""

    lifetime: TokenLifetime = field(default_factory=TokenLifetime)

    @classmethod
    def from_body(cls, body: Any) -> IssueToken:
        """The command a request body describes (an empty object: 90 days)."""
        errors, body = object_body({} if body is None else body)
        lifetime = TokenLifetime.from_fields(errors, body)
        errors.raise_any()
        return cls(lifetime)


@dataclass(frozen=True)
class ChangeAccountStatus:
    """Disable or enable an account, and why (recorded on the event)."""

    reason: str

    @classmethod
    def from_body(cls, body: Any) -> ChangeAccountStatus:
        """The command a request body describes, or InvalidInput by field."""
        errors, body = object_body(body)
        reason = text(
            errors, "reason", body.get("reason"), required=True, limit=REASON_LIMIT
        )
        errors.raise_any()
        return cls(str(reason))
