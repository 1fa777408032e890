"""Ratifications (SK bupati/walikota) and the ministry's determinations."""

from __future__ import annotations

from flask_smorest import Blueprint

from api import present, schemas
from api.context import actor, allowed, body, etag, keyed, ledger
from api.docs import documented

blp = Blueprint(
    "decrees",
    __name__,
    url_prefix="/api/v1",
    description="Ratification and determination",
)


@blp.route("/ratifications", methods=["POST"])
@documented(blp, body=schemas.RatificationIn)
@blp.response(201, schemas.Ratification)
@allowed("ratifier")
@keyed
def ratify():
    """Ratify verified proposals of the kabupaten/kota."""
    record = ledger().ratify(actor(), body())
    return present.ratification(record), etag(record.version)


@blp.route("/determinations", methods=["POST"])
@documented(blp, body=schemas.DeterminationIn)
@blp.response(201, schemas.Determination)
@allowed("ministry")
@keyed
def determine():
    """Determine ratified proposals (default: all); the registry changes."""
    record = ledger().determine(actor(), body())
    return present.determination(record), etag(record.version)
