"""Marshmallow schemas: the OpenAPI description of every body and response.

Request bodies are checked by the workflow itself (so the command line and the
importer obey the same rules); these schemas describe them for clients.
"""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from workflow.drafts import KINDS, RELATIONSHIPS, REMOVAL_REASONS, SEXES


class Problem(Schema):
    """An RFC 9457 problem; a 422 adds the failing fields."""

    type = fields.Str(metadata={"example": "about:blank"})
    title = fields.Str()
    status = fields.Int()
    detail = fields.Str()
    errors = fields.Dict(
        keys=fields.Str(),
        values=fields.List(fields.Str()),
        metadata={"description": "field.path -> messages (422)"},
    )


class Actor(Schema):
    """Who acted."""

    id = fields.Str()
    name = fields.Str()
    role = fields.Str()


class User(Actor):
    """An account."""

    region = fields.Str(allow_none=True)


class NewUser(User):
    """A new account with its token, shown once."""

    token = fields.Str()


class UserIn(Schema):
    """An account to create."""

    name = fields.Str(required=True)
    role = fields.Str(
        required=True,
        validate=validate.OneOf(
            [
                "operator",
                "camat",
                "verifier",
                "ratifier",
                "ministry",
                "auditor",
                "admin",
            ]
        ),
    )
    region = fields.Str(metadata={"example": "33.20.01.2001"})


class Member(Schema):
    """A family member; in a removal only `nik`, in an update `nik` and the fixes."""

    nik = fields.Str(required=True, metadata={"example": "3320010702840001"})
    name = fields.Str()
    birth_date = fields.Date()
    sex = fields.Str(validate=validate.OneOf(SEXES))
    relationship = fields.Str(validate=validate.OneOf(RELATIONSHIPS))
    disability = fields.Str()
    occupation = fields.Str()


class Family(Schema):
    """The family card."""

    kk = fields.Str(required=True, metadata={"example": "3320011203150001"})
    address = fields.Str(allow_none=True)


class ProposalIn(Schema):
    """A proposal to add, remove or correct people."""

    kind = fields.Str(required=True, validate=validate.OneOf(KINDS))
    desa = fields.Str(required=True, metadata={"example": "33.20.01.2001"})
    family = fields.Nested(Family, required=True)
    members = fields.List(fields.Nested(Member))
    criteria = fields.List(fields.Str(), metadata={"example": ["low_income"]})
    reason = fields.Str(
        metadata={"description": f"removal: {', '.join(REMOVAL_REASONS)}"}
    )
    note = fields.Str()


class TimelineEntry(Schema):
    """One event of a record."""

    type = fields.Str(metadata={"example": "dtks.proposal.submitted"})
    at = fields.Str()
    by = fields.Nested(Actor)
    details = fields.Dict()


class Proposal(Schema):
    """A proposal."""

    id = fields.Str()
    kind = fields.Str()
    status = fields.Str()
    desa = fields.Str()
    version = fields.Int()
    family = fields.Nested(Family)
    members = fields.List(fields.Dict())
    criteria = fields.List(fields.Str())
    reason = fields.Str(allow_none=True)
    note = fields.Str(allow_none=True)
    submitted_by = fields.Nested(Actor)
    submitted_at = fields.Str()
    deliberation_id = fields.Str(allow_none=True)
    rejected_stage = fields.Str(allow_none=True)


class ProposalDetail(Proposal):
    """A proposal with every event behind it."""

    timeline = fields.List(fields.Nested(TimelineEntry))


class ProposalPage(Schema):
    """One page of proposals."""

    items = fields.List(fields.Nested(Proposal))
    next_cursor = fields.Str(allow_none=True)


class ReasonIn(Schema):
    """Why."""

    reason = fields.Str(required=True)


class VervalIn(Schema):
    """The district's verification and validation."""

    eligible = fields.Bool(required=True)
    nik_matched = fields.Bool(required=True)
    checked_on = fields.Date(required=True)
    note = fields.Str()


class Decision(Schema):
    """The deliberation's outcome for one proposal."""

    proposal_id = fields.Str(required=True)
    outcome = fields.Str(required=True, validate=validate.OneOf(["approve", "reject"]))
    note = fields.Str(allow_none=True)


class DecisionsIn(Schema):
    """A revised list of decisions."""

    decisions = fields.List(fields.Nested(Decision), required=True)


class DeliberationIn(DecisionsIn):
    """The minutes of a Musdes/Muskel."""

    desa = fields.Str(required=True)
    held_on = fields.Date(required=True)
    minutes_number = fields.Str(required=True)
    chaired_by = fields.Str(required=True)
    attendees = fields.Int(required=True, metadata={"description": "head count"})


class ApprovalIn(Schema):
    """The camat's decision."""

    decision = fields.Str(required=True, validate=validate.OneOf(["approve", "return"]))
    note = fields.Str()


class Deliberation(Schema):
    """A deliberation."""

    id = fields.Str()
    desa = fields.Str()
    status = fields.Str()
    version = fields.Int()
    held_on = fields.Str()
    minutes_number = fields.Str()
    chaired_by = fields.Str()
    attendees = fields.Int()
    decisions = fields.List(fields.Nested(Decision))
    opened_by = fields.Nested(Actor)
    opened_at = fields.Str()
    camat_note = fields.Str(allow_none=True)


class DeliberationPage(Schema):
    """One page of deliberations."""

    items = fields.List(fields.Nested(Deliberation))
    next_cursor = fields.Str(allow_none=True)


class RatificationIn(Schema):
    """An SK bupati/walikota."""

    kabkota = fields.Str(required=True, metadata={"example": "33.20"})
    decree_number = fields.Str(required=True)
    signed_on = fields.Date(required=True)
    proposal_ids = fields.List(fields.Str(), required=True)


class Ratification(Schema):
    """A ratification."""

    id = fields.Str()
    kabkota = fields.Str()
    decree_number = fields.Str()
    signed_on = fields.Str()
    proposal_ids = fields.List(fields.Str())
    version = fields.Int()
    signed_by = fields.Nested(Actor)


class DeterminationIn(Schema):
    """The ministry's determination; without proposal_ids, every ratified one."""

    period = fields.Str(required=True, metadata={"example": "2026-11"})
    decree_number = fields.Str(required=True)
    effective_on = fields.Date(required=True)
    proposal_ids = fields.List(fields.Str())


class Determination(Schema):
    """A determination."""

    id = fields.Str()
    period = fields.Str()
    decree_number = fields.Str()
    effective_on = fields.Str()
    proposal_ids = fields.List(fields.Str())
    applied = fields.Int()
    version = fields.Int()
    made_by = fields.Nested(Actor)
