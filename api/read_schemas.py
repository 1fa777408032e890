"""Schemas of the registry and audit answers; required marks what every answer
holds (perhaps null)."""

from __future__ import annotations

from marshmallow import Schema, fields

from api.schemas import Actor, always


class RegisteredMember(Schema):
    """A member as registered, with the date that state began."""

    class Meta:
        unknown = "include"

    nik = always()
    name = always()
    birth_date = always()
    sex = always()
    relationship = always()
    disability = fields.Str(allow_none=True)
    occupation = fields.Str(allow_none=True)
    registered_since = always()


class RegisteredFamily(Schema):
    """A family as it stood on the date asked."""

    kk = always()
    desa = always()
    address = always(allow_none=True)
    members = always(fields.List, fields.Nested(RegisteredMember))


class FamilyPage(Schema):
    """One page of families."""

    items = always(fields.List, fields.Nested(RegisteredFamily))
    next_cursor = always(allow_none=True)


class Person(RegisteredMember):
    """A person on the date asked."""

    kk = always(allow_none=True)
    desa = always()
    registered = always(fields.Bool)


class Minutes(Schema):
    """The deliberation behind a change."""

    minutes_number = always()
    held_on = always()
    chaired_by = always()


class Verifier(Actor):
    """The verifier and the date of the check."""

    checked_on = always()


class Decree(Schema):
    """A ratification or determination decree."""

    id = always()
    decree_number = always()
    period = fields.Str(allow_none=True)
    signed_on = fields.Str(metadata={"description": "the day an SK was signed"})
    signed_by = fields.Nested(Actor, metadata={"description": "who signed an SK"})


class Change(Schema):
    """One change of a person's registration and the decisions behind it."""

    change = always(metadata={"description": "added, removed or updated"})
    effective_on = always()
    proposal_id = always(allow_none=True)
    kind = always(allow_none=True)
    reason = always(allow_none=True)
    kk = always(allow_none=True)
    desa = always(allow_none=True)
    recorded_at = always()
    corrections = always(fields.Dict, allow_none=True)
    submitted_by = always(fields.Nested, Actor, allow_none=True)
    deliberation = always(fields.Nested, Minutes, allow_none=True)
    endorsed_by = always(fields.Nested, Actor, allow_none=True)
    verified_by = always(fields.Nested, Verifier, allow_none=True)
    ratification = always(fields.Nested, Decree, allow_none=True)
    determination = always(fields.Nested, Decree, allow_none=True)


class History(Schema):
    """Every change of a person, oldest first."""

    items = always(fields.List, fields.Nested(Change))


class Count(Schema):
    """Families and people."""

    families = always(fields.Int)
    people = always(fields.Int)


class Stats(Count):
    """Counts of a region and of each region directly under it."""

    children = always(fields.Dict, keys=fields.Str(), values=fields.Nested(Count))


class AuditItem(Schema):
    """One event of the log."""

    position = always(fields.Int)
    type = always()
    aggregate_id = always()
    version = always(fields.Int)
    recorded_at = always()
    actor = always(fields.Nested, Actor, allow_none=True)
    data = always(fields.Dict)


class AuditPage(Schema):
    """One page of the log."""

    items = always(fields.List, fields.Nested(AuditItem))
    next_after = always(fields.Int, allow_none=True)
