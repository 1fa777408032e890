"""Marshmallow schemas of the query parameters, for the OpenAPI description only.

The use cases and views parse the query string themselves (and refuse what
they do not take); these schemas state what each GET accepts.
"""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from api.bodies import code
from workflow.actors import ROLES
from workflow.domain.transitions import CLOSED, OPEN
from workflow.drafts import KINDS
from workflow.usecases.listing import DELIBERATION_STATUSES, DIGITS


def limit(low: int, high: int, default: int) -> fields.Int:
    """How many items a page holds."""
    zero = "; 0 means the default" if low == 0 else ""
    note = f"items per page (default {default}){zero}"
    return fields.Int(
        validate=validate.Range(min=low, max=high), metadata={"description": note}
    )


def region() -> fields.Str:
    """A region filter, kept within the caller's scope."""
    return code(None, "33.20.01", "only records in this region (within your scope)")


def as_of() -> fields.Date:
    """The date the registry is read on."""
    return fields.Date(
        metadata={"description": "the registry as of this date (default today)"}
    )


def cursor() -> fields.Str:
    """Where the next page starts."""
    return fields.Str(metadata={"description": "next_cursor of the previous page"})


class PageQuery(Schema):
    """Paging of a list kept in a read model."""

    cursor = fields.Str(
        validate=validate.Regexp(f"^{DIGITS.pattern}$"),
        metadata={"description": "next_cursor of the previous page"},
    )
    limit = limit(1, 200, 50)


class ProposalQuery(PageQuery):
    """Filters and paging of the proposal list."""

    status = fields.Str(validate=validate.OneOf(OPEN + CLOSED))
    kind = fields.Str(validate=validate.OneOf(KINDS))
    region = region()


class DeliberationQuery(PageQuery):
    """Filters and paging of the deliberation list."""

    status = fields.Str(validate=validate.OneOf(DELIBERATION_STATUSES))
    region = region()


class RatificationQuery(PageQuery):
    """The region and page of the decree list."""

    region = region()


class UserQuery(PageQuery):
    """The role and page of the account list."""

    role = fields.Str(validate=validate.OneOf(ROLES))


class AsOfQuery(Schema):
    """The date a registry record is read on."""

    as_of = as_of()


class StatsQuery(AsOfQuery):
    """The region and date counted."""

    region = region()


class FamiliesQuery(StatsQuery):
    """The region, date and page of registered families."""

    cursor = cursor()
    limit = limit(0, 200, 50)


class AuditQuery(Schema):
    """Where the page of the event log starts, and its size."""

    after = fields.Int(
        validate=validate.Range(min=0, max=2**62),
        metadata={"description": "next_after of the previous page (default 0)"},
    )
    limit = limit(0, 1000, 100)
