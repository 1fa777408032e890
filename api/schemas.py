"""Marshmallow schemas of the answers: the OpenAPI description of every response.

A field marked required is in every answer of its kind (perhaps null).
"""

from __future__ import annotations

from marshmallow import Schema, fields


def always(field: type[fields.Field] = fields.Str, *args, **kwargs) -> fields.Field:
    """A field present in every answer; `allow_none` when it may be null."""
    return field(*args, required=True, **kwargs)


class Problem(Schema):
    """An RFC 9457 problem; a 422 adds the failing fields."""

    type = always(metadata={"example": "about:blank"})
    title = always()
    status = always(fields.Int)
    detail = always(
        metadata={"description": "in the caller's language (Accept-Language: id)"}
    )
    code = fields.Str(
        metadata={"description": "the catalogue code, e.g. token.expired"}
    )
    errors = fields.Dict(
        keys=fields.Str(),
        values=fields.List(fields.Str()),
        metadata={"description": "field.path -> messages (422)"},
    )


class Actor(Schema):
    """Who acted."""

    id = always()
    name = always()
    role = always()


class User(Actor):
    """An account."""

    region = always(allow_none=True)


class NewUser(User):
    """A new account with its token, shown once."""

    token = always()
    token_expires_at = always(metadata={"description": "UTC; the token fails after"})


class NewToken(Schema):
    """A new token, shown once, and when it stops working."""

    token = always()
    expires_at = always(metadata={"description": "UTC; the token fails after"})


class Family(Schema):
    """The family card a proposal is about."""

    kk = always()
    address = always(allow_none=True)


class TimelineEntry(Schema):
    """One event of a record."""

    type = always(metadata={"example": "dtks.proposal.submitted"})
    at = always()
    by = always(fields.Nested, Actor)
    details = always(fields.Dict)


class Proposal(Schema):
    """A proposal."""

    id = always()
    kind = always()
    status = always()
    desa = always()
    version = always(fields.Int)
    family = always(fields.Nested, Family)
    members = always(fields.List, fields.Dict())
    criteria = always(fields.List, fields.Str())
    reason = always(allow_none=True)
    note = always(allow_none=True)
    submitted_by = always(fields.Nested, Actor)
    submitted_at = always()
    deliberation_id = always(allow_none=True)
    rejected_stage = always(allow_none=True)


class ProposalDetail(Proposal):
    """A proposal with every event behind it."""

    timeline = always(fields.List, fields.Nested(TimelineEntry))


class ProposalPage(Schema):
    """One page of proposals."""

    items = always(fields.List, fields.Nested(Proposal))
    next_cursor = always(allow_none=True)


class Decision(Schema):
    """The deliberation's outcome for one proposal."""

    proposal_id = always()
    outcome = always()
    note = always(allow_none=True)


class Deliberation(Schema):
    """A deliberation."""

    id = always()
    desa = always()
    status = always()
    version = always(fields.Int)
    held_on = always()
    minutes_number = always()
    chaired_by = always()
    attendees = always(fields.Int)
    decisions = always(fields.List, fields.Nested(Decision))
    opened_by = always(fields.Nested, Actor)
    opened_at = always()
    camat_note = always(allow_none=True)


class DeliberationPage(Schema):
    """One page of deliberations."""

    items = always(fields.List, fields.Nested(Deliberation))
    next_cursor = always(allow_none=True)


class Ratification(Schema):
    """A ratification."""

    id = always()
    kabkota = always()
    decree_number = always()
    signed_on = always()
    proposal_ids = always(fields.List, fields.Str())
    version = always(fields.Int)
    signed_by = always(fields.Nested, Actor)


class Determination(Schema):
    """A determination."""

    id = always()
    period = always()
    decree_number = always()
    effective_on = always()
    proposal_ids = always(fields.List, fields.Str())
    applied = always(fields.Int)
    version = always(fields.Int)
    made_by = always(fields.Nested, Actor)
