"""Ratifications (SK bupati/walikota) and the ministry's determinations."""

from __future__ import annotations

from flask import request
from flask_smorest import Blueprint

from api import bodies, list_schemas, present, queries, render, schemas
from api.context import actor, allowed, body, etag, keyed, ledger
from api.docs import ETAG, READ, documented

blp = Blueprint(
    "decrees",
    __name__,
    url_prefix="/api/v1",
    description="Ratification and determination",
)


@blp.route("/ratifications", methods=["POST"])
@documented(blp, body=bodies.RatificationIn)
@blp.response(201, schemas.Ratification, headers=ETAG)
@allowed("ratifier")
@keyed
def ratify():
    """Ratify verified proposals of the kabupaten/kota."""
    record = ledger().ratify(actor(), body())
    return present.ratification(record), etag(record.version)


@blp.route("/determinations", methods=["POST"])
@documented(blp, body=bodies.DeterminationIn)
@blp.response(201, schemas.Determination, headers=ETAG)
@allowed("ministry")
@keyed
def determine():
    """Determine ratified proposals (default: all); the registry changes."""
    record = ledger().determine(actor(), body())
    return present.determination(record), etag(record.version)


@blp.route("/ratifications", methods=["GET"])
@documented(blp, problems=READ, query=queries.RatificationQuery)
@blp.response(200, list_schemas.RatificationPage)
def list_ratifications():
    """Decrees (SK) of kabupaten/kota in your scope, oldest first (region; paged)."""
    items, cursor = ledger().list_ratifications(actor(), request.args.to_dict())
    return render.page(items, cursor)


@blp.route("/determinations", methods=["GET"])
@documented(blp, problems=READ, query=queries.PageQuery)
@blp.response(200, list_schemas.DeterminationPage)
def list_determinations():
    """The ministry's determinations, oldest first (paged)."""
    items, cursor = ledger().list_determinations(actor(), request.args.to_dict())
    return render.page(items, cursor)
