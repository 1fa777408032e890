"""GET /api/v1/audit/access and /audit/refusals: who read whose personal data,
and who was refused how often (auditor, admin)."""

from __future__ import annotations

import datetime as dt

from flask import request
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from api.access import access_log
from api.context import actor, allowed
from api.docs import documented
from api.params import given_only, number
from api.queries import limit
from workflow.errors import InvalidInput

blp = Blueprint(
    "access", __name__, url_prefix="/api/v1", description="Who read whose data"
)


class AccessItem(Schema):
    """One read of personal data."""

    id = fields.Int()
    at = fields.Str(metadata={"description": "UTC, ISO 8601"})
    user_id = fields.Str()
    route = fields.Str(metadata={"description": "the route template read"})
    status = fields.Int(metadata={"description": "the HTTP status answered"})
    nik = fields.Str(allow_none=True)
    kk = fields.Str(allow_none=True)
    region = fields.Str(allow_none=True)


class AccessPage(Schema):
    """One page of the access log, oldest first."""

    items = fields.List(fields.Nested(AccessItem))
    next_after = fields.Int(allow_none=True)


class AccessQuery(Schema):
    """Filters and paging of the access log."""

    nik = fields.Str(metadata={"description": "reads of this NIK"})
    kk = fields.Str(metadata={"description": "reads of this No. KK"})
    user = fields.Str(metadata={"description": "reads by this user id"})
    # "from" is a Python keyword: the field is named by data_key
    since = fields.Date(data_key="from", metadata={"description": "from this day"})
    until = fields.Date(data_key="to", metadata={"description": "to this day"})
    after = fields.Int(
        validate=validate.Range(min=0), metadata={"description": "next_after"}
    )
    limit = limit(0, 1000, 100)


@blp.route("/audit/access", methods=["GET"])
@documented(blp, problems=(401, 403, 422), query=AccessQuery)
@blp.response(200, AccessPage)
@allowed("auditor", "admin")
def accesses():
    """Who read whose personal data, when and through which route.

    Filters: `nik`, `kk`, `user` (a user id), `from` and `to` (dates, inclusive,
    UTC); pages by `after` and `limit`. A regional auditor sees reads of the
    records of its region.
    """
    errors = given_only("nik", "kk", "user", "from", "to", "after", "limit")
    since, until = _day(errors, "from"), _day(errors, "to", 1)
    after = number(errors, "after", 0, 2**62)
    limit = number(errors, "limit", 100, 1000) or 100
    if errors.by_field:
        raise InvalidInput(errors.by_field)
    log = access_log()
    log.flush()  # this worker's own queue; others write theirs within a second
    items, next_after = log.page(
        actor().region,
        after,
        limit,
        nik=request.args.get("nik"),
        kk=request.args.get("kk"),
        user_id=request.args.get("user"),
        since=since,
        until=until,
    )
    return {"items": items, "next_after": next_after}


class Refusals(Schema):
    """How many proposals the registry refused to each user."""

    user_id = fields.Str()
    refused = fields.Int(metadata={"description": "requests answered 409"})


class RefusalCounts(Schema):
    """Refused proposals per user, by user id."""

    items = fields.List(fields.Nested(Refusals))


class RefusalQuery(Schema):
    """The days to count."""

    since = fields.Date(data_key="from", metadata={"description": "from this day"})
    until = fields.Date(data_key="to", metadata={"description": "to this day"})


@blp.route("/audit/refusals", methods=["GET"])
@documented(blp, problems=(401, 403, 422), query=RefusalQuery)
@blp.response(200, RefusalCounts)
@allowed("auditor", "admin")
def refusals():
    """Proposals refused as conflicts (409), counted per user.

    A run of refusals is what probing for other regions' NIKs looks like. Days
    `from` and `to` are inclusive, UTC; a regional auditor counts the attempts
    made within its region.
    """
    errors = given_only("from", "to")
    since, until = _day(errors, "from"), _day(errors, "to", 1)
    if errors.by_field:
        raise InvalidInput(errors.by_field)
    log = access_log()
    log.flush()  # this worker's own queue; others write theirs within a second
    return {"items": log.refusals(actor().region, since, until)}


def _day(errors, name: str, days_after: int = 0) -> str | None:
    given = request.args.get(name)
    if not given:
        return None
    try:
        day = dt.date.fromisoformat(given)
    except ValueError:
        errors.add(name, f"{name} is a date written YYYY-MM-DD, like 2026-11-22")
        return None
    return (day + dt.timedelta(days=days_after)).isoformat()
