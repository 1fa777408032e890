"""Schemas of the oversight answers (documentation: rows are sent as they are)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from api.queries import region
from workflow.oversight import MONTH


def month(description: str, **options) -> fields.Str:
    """A month of the range, YYYY-MM."""
    return fields.Str(
        validate=validate.Regexp(f"^{MONTH.pattern}$"),
        metadata={"description": description, "example": "2026-01"},
        **options,
    )


class RangeQuery(Schema):
    """The region and the months of an oversight answer."""

    region = region()
    from_ = month("first month (default: 11 months before `to`)", data_key="from")
    to = month("last month (default: the current month)")


class SeriesPoint(Schema):
    """The registry at the end of one month."""

    month = fields.Str(metadata={"example": "2026-03"})
    as_of = fields.Str(metadata={"example": "2026-03-31"})
    families = fields.Int()
    people = fields.Int()


class Series(Schema):
    """Families and people registered at the end of each month of the range."""

    region = fields.Str(allow_none=True)
    from_ = fields.Str(data_key="from")
    to = fields.Str()
    items = fields.List(fields.Nested(SeriesPoint))


class Figure(Schema):
    """Proposals of one stage in a month, by kind and, for removals, by reason."""

    add = fields.Int()
    remove = fields.Int()
    update = fields.Int()
    removal_reasons = fields.Dict(keys=fields.Str(), values=fields.Int())


class Month(Schema):
    """What a region did in one month."""

    month = fields.Str()
    submitted = fields.Nested(Figure)
    determined = fields.Nested(Figure, metadata={"description": "by effective date"})
    rejected = fields.Nested(Figure)
    musdes = fields.Int(metadata={"description": "Musdes/Muskel held (held_on)"})


class RegionActivity(Schema):
    """One child region over the range, with its update frequency and rank."""

    region = fields.Str()
    name = fields.Str(allow_none=True)
    rank = fields.Int(metadata={"description": "1: updates most often"})
    months_with_changes = fields.Int()
    changes = fields.Int()
    people = fields.Int(metadata={"description": "registered at the end of `to`"})
    changes_per_1000 = fields.Float()
    last_change_on = fields.Str(allow_none=True)
    months = fields.List(fields.Nested(Month))


class WithoutMusdes(Schema):
    """The desa that held no Musdes/Muskel in a month."""

    month = fields.Str()
    desa = fields.List(fields.Str())


class Activity(Schema):
    """Each child region month by month, ranked by update frequency."""

    region = fields.Str(allow_none=True)
    from_ = fields.Str(data_key="from")
    to = fields.Str()
    items = fields.List(fields.Nested(RegionActivity))
    without_musdes = fields.List(
        fields.Nested(WithoutMusdes),
        metadata={"description": "for a kecamatan or desa: per month"},
    )
