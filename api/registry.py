"""The registry as of any date, the history behind each person, and the audit log."""

from __future__ import annotations

import datetime as dt

from flask import current_app, request
from flask_smorest import Blueprint

from api import queries, render
from api import read_schemas as schemas
from api.access import note
from api.context import actor, allowed
from api.docs import READ, SEARCH, documented
from api.params import given_only as _query
from api.params import number as _number
from api.personal import family_on, history_of, person_on
from workflow.errors import InvalidInput
from workflow.fields import Errors, iso_date
from workflow.regions import region_problem
from workflow.usecases.listing import narrowed

blp = Blueprint(
    "registry",
    __name__,
    url_prefix="/api/v1",
    description="The registry on any date, its history, the audit log",
)


def read_side():
    """The read side of this worker process."""
    return current_app.extensions["dtks_read"]()


def _as_of(errors: Errors) -> str:
    given = request.args.get("as_of")
    day = iso_date(errors, "as_of", given) if given else dt.date.today()
    return day.isoformat() if day else ""


def _region(errors: Errors) -> str | None:
    region = request.args.get("region") or None
    if region is not None:
        errors.add("region", region_problem(region))
    return region


@blp.route("/registry/families", methods=["GET"])
@documented(blp, problems=SEARCH, query=queries.FamiliesQuery)
@blp.response(200, schemas.FamilyPage)
def families():
    """Families registered on `as_of` (default today) in a region, by No. KK."""
    errors = _query("region", "as_of", "limit", "cursor")
    region, as_of = _region(errors), _as_of(errors)
    limit = _number(errors, "limit", 50, 200) or 50
    cursor = request.args.get("cursor", "")
    errors.raise_any()
    note(region=region or actor().region)
    items, next_cursor = (
        read_side().fresh().families(narrowed(actor(), region), as_of, cursor, limit)
    )
    return render.page(items, next_cursor)


@blp.route("/registry/families/<kk>", methods=["GET"])
@documented(blp, problems=SEARCH, query=queries.AsOfQuery)
@blp.response(200, schemas.RegisteredFamily)
def family(kk):
    """One family as it stood on `as_of` (default today)."""
    errors = _query("as_of")
    as_of = _as_of(errors)
    errors.raise_any()
    return render.json_answer(family_on(actor(), read_side().fresh(), kk, as_of))


@blp.route("/registry/people/<nik>", methods=["GET"])
@documented(blp, problems=SEARCH, query=queries.AsOfQuery)
@blp.response(200, schemas.Person)
def person(nik):
    """A person on `as_of` (default today): registered or not, in which family."""
    errors = _query("as_of")
    as_of = _as_of(errors)
    errors.raise_any()
    return render.json_answer(person_on(actor(), read_side().fresh(), nik, as_of))


@blp.route("/registry/people/<nik>/history", methods=["GET"])
@documented(blp, problems=SEARCH)
@blp.response(200, schemas.History)
def history(nik):
    """Every change of a person in your scope, oldest first, with the whole
    decision chain; changes recorded in other regions are left out."""
    _query().raise_any()
    items = history_of(actor(), read_side().fresh(), nik)
    return render.json_answer({"items": items})


@blp.route("/registry/stats", methods=["GET"])
@documented(blp, problems=READ, query=queries.StatsQuery)
@blp.response(200, schemas.Stats)
def stats():
    """Families and people on `as_of` in a region, with each child region."""
    errors = _query("region", "as_of")
    region, as_of = _region(errors), _as_of(errors)
    errors.raise_any()
    return render.json_answer(
        read_side().fresh().stats(narrowed(actor(), region), as_of)
    )


@blp.route("/audit/events", methods=["GET"])
@documented(blp, problems=(401, 403, 422), query=queries.AuditQuery)
@blp.response(200, schemas.AuditPage)
@allowed("auditor", "admin")
def audit_events():
    """The raw event log in order; a regional auditor sees only its region."""
    errors = _query("after", "limit")
    after = _number(errors, "after", 0, 2**62)
    limit = _number(errors, "limit", 100, 1000) or 100
    if errors.by_field:
        raise InvalidInput(errors.by_field)
    note(region=actor().region)  # the raw log holds personal data
    items, next_after = read_side().audit(actor().region, after, limit)
    return render.json_answer({"items": items, "next_after": next_after})
