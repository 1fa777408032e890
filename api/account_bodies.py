"""Request bodies about accounts and tokens, for the OpenAPI description only."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from api.bodies import code, given_text
from workflow.actors import ROLES
from workflow.domain.tokens import MAX_TOKEN_DAYS, TOKEN_DAYS
from workflow.fields import REASON_LIMIT, TEXT_LIMIT


class TokenIn(Schema):
    """How long a new token is valid: give at most one of the two fields."""

    expires_in_days = fields.Int(
        validate=validate.Range(min=1, max=MAX_TOKEN_DAYS),
        metadata={
            "description": f"days from now; {TOKEN_DAYS} when neither field is given"
        },
    )
    expires = fields.Date(
        metadata={
            "description": "the date (UTC) from whose start the token no longer "
            "works; after today"
        }
    )


class UserIn(TokenIn):
    """An account to create, and how long its first token is valid."""

    name = given_text(TEXT_LIMIT)
    role = fields.Str(required=True, validate=validate.OneOf(ROLES))
    region = code(
        None, "33.20.01.2001", "required unless the role is national", allow_none=True
    )
    username = fields.Str(
        allow_none=True,
        metadata={"description": "for the web sign-in; leave out for API only"},
    )


class AccountStatusIn(Schema):
    """Why an account is disabled or enabled (recorded on the event)."""

    reason = given_text(REASON_LIMIT)
