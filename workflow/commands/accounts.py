"""The command that creates an account: a name, one role, one region scope."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workflow.actors import validate_role_scope
from workflow.domain.usernames import username_problem
from workflow.fields import object_body, text


@dataclass(frozen=True)
class AddUser:
    """An account to create with one role and the region it may act in."""

    name: str
    role: str
    region: str | None = None
    username: str | None = None  # for the web sign-in; None: API tokens only

    @classmethod
    def from_body(cls, body: Any) -> AddUser:
        """The command a request body describes, or InvalidInput by field."""
        errors, body = object_body(body)
        name = text(errors, "name", body.get("name"), required=True)
        role, region = body.get("role"), body.get("region") or None
        username = body.get("username")
        if username is not None:
            errors.add("username", username_problem(username))
        errors.raise_any()
        validate_role_scope(role, region)
        return cls(name, role, region, username)
