"""Pages of the lists that only read models answer: decrees and accounts."""

from __future__ import annotations

from marshmallow import Schema, fields

from api import schemas


class Account(schemas.User):
    """An account, and whether an admin disabled it."""

    disabled = fields.Bool(required=True)


class ListedUser(Account):
    """An account with its number of tokens issued and not revoked."""

    tokens = fields.Int(required=True)


class UserPage(Schema):
    """One page of accounts."""

    items = fields.List(fields.Nested(ListedUser), required=True)
    next_cursor = fields.Str(allow_none=True, required=True)


class RatificationPage(Schema):
    """One page of decrees (SK bupati/walikota)."""

    items = fields.List(fields.Nested(schemas.Ratification), required=True)
    next_cursor = fields.Str(allow_none=True, required=True)


class DeterminationPage(Schema):
    """One page of the ministry's determinations."""

    items = fields.List(fields.Nested(schemas.Determination), required=True)
    next_cursor = fields.Str(allow_none=True, required=True)
