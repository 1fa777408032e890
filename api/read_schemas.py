"""Schemas of the registry and audit answers."""

from __future__ import annotations

from marshmallow import Schema, fields

from api.schemas import Actor


class RegisteredMember(Schema):
    """A member as registered, with the date that state began."""

    class Meta:
        unknown = "include"

    nik = fields.Str()
    name = fields.Str()
    birth_date = fields.Str()
    sex = fields.Str()
    relationship = fields.Str()
    disability = fields.Str(allow_none=True)
    occupation = fields.Str(allow_none=True)
    registered_since = fields.Str()


class RegisteredFamily(Schema):
    """A family as it stood on the date asked."""

    kk = fields.Str()
    desa = fields.Str()
    address = fields.Str(allow_none=True)
    members = fields.List(fields.Nested(RegisteredMember))


class FamilyPage(Schema):
    """One page of families."""

    items = fields.List(fields.Nested(RegisteredFamily))
    next_cursor = fields.Str(allow_none=True)


class Person(RegisteredMember):
    """A person on the date asked."""

    kk = fields.Str(allow_none=True)
    desa = fields.Str()
    registered = fields.Bool()


class Minutes(Schema):
    """The deliberation behind a change."""

    minutes_number = fields.Str()
    held_on = fields.Str()
    chaired_by = fields.Str()


class Verifier(Actor):
    """The verifier and the date of the check."""

    checked_on = fields.Str()


class Decree(Schema):
    """A ratification or determination decree."""

    id = fields.Str()
    decree_number = fields.Str()
    period = fields.Str(allow_none=True)


class Change(Schema):
    """One change of a person's registration and the decisions behind it."""

    change = fields.Str(metadata={"description": "added, removed or updated"})
    effective_on = fields.Str()
    proposal_id = fields.Str(allow_none=True)
    kind = fields.Str(allow_none=True)
    reason = fields.Str(allow_none=True)
    kk = fields.Str(allow_none=True)
    desa = fields.Str(allow_none=True)
    recorded_at = fields.Str()
    corrections = fields.Dict(allow_none=True)
    submitted_by = fields.Nested(Actor, allow_none=True)
    deliberation = fields.Nested(Minutes, allow_none=True)
    endorsed_by = fields.Nested(Actor, allow_none=True)
    verified_by = fields.Nested(Verifier, allow_none=True)
    ratification = fields.Nested(Decree, allow_none=True)
    determination = fields.Nested(Decree, allow_none=True)


class History(Schema):
    """Every change of a person, oldest first."""

    items = fields.List(fields.Nested(Change))


class Count(Schema):
    """Families and people."""

    families = fields.Int()
    people = fields.Int()


class Stats(Count):
    """Counts of a region and of each region directly under it."""

    children = fields.Dict(keys=fields.Str(), values=fields.Nested(Count))


class AuditItem(Schema):
    """One event of the log."""

    position = fields.Int()
    type = fields.Str()
    aggregate_id = fields.Str()
    version = fields.Int()
    recorded_at = fields.Str()
    actor = fields.Nested(Actor, allow_none=True)
    data = fields.Dict()


class AuditPage(Schema):
    """One page of the log."""

    items = fields.List(fields.Nested(AuditItem))
    next_after = fields.Int(allow_none=True)
