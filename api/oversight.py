"""Oversight: registry size over time and how often each region updates it."""

from __future__ import annotations

from flask import request
from flask_smorest import Blueprint

from api import oversight_schemas as schemas
from api.context import actor, ledger
from api.docs import READ, documented
from api.render import json_answer

blp = Blueprint(
    "oversight",
    __name__,
    url_prefix="/api/v1/oversight",
    description="Registry size over time; update frequency and Musdes per region",
)


@blp.route("/series", methods=["GET"])
@documented(blp, problems=READ, query=schemas.RangeQuery)
@blp.response(200, schemas.Series)
def series():
    """Families and people registered at the end of each month (from, to: YYYY-MM)."""
    return json_answer(ledger().registry_series(actor(), request.args.to_dict()))


@blp.route("/activity", methods=["GET"])
@documented(blp, problems=READ, query=schemas.RangeQuery)
@blp.response(200, schemas.Activity)
def activity():
    """Each child region's proposals, Musdes and changes by month, ranked."""
    return json_answer(ledger().region_activity(actor(), request.args.to_dict()))
