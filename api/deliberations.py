"""Village deliberations (Musdes/Muskel) and the camat's approval."""

from __future__ import annotations

from flask import request
from flask_smorest import Blueprint

from api import bodies, present, queries, render, schemas
from api.context import actor, allowed, body, etag, expected_version, keyed, ledger
from api.docs import ETAG, READ, documented

blp = Blueprint(
    "deliberations",
    __name__,
    url_prefix="/api/v1/deliberations",
    description="Village deliberations and the camat's decision",
)


def _shown(record):
    return present.deliberation(record), etag(record.version)


@blp.route("", methods=["POST"])
@documented(blp, body=bodies.DeliberationIn)
@blp.response(201, schemas.Deliberation, headers=ETAG)
@allowed("operator")
@keyed
def open_deliberation():
    """Record the minutes and decisions of a Musdes/Muskel."""
    return _shown(ledger().open_deliberation(actor(), body()))


@blp.route("", methods=["GET"])
@documented(blp, problems=READ, query=queries.DeliberationQuery)
@blp.response(200, schemas.DeliberationPage)
def list_deliberations():
    """List deliberations in your scope (filters: status, region; paged)."""
    items, cursor = ledger().list_deliberations(actor(), request.args.to_dict())
    return render.page(items, cursor)


@blp.route("/<deliberation_id>", methods=["GET"])
@documented(blp, problems=READ)
@blp.response(200, schemas.Deliberation, headers=ETAG)
def detail(deliberation_id):
    """A deliberation with its minutes and decisions."""
    return _shown(ledger().deliberation(actor(), deliberation_id))


@blp.route("/<deliberation_id>/decisions", methods=["PUT"])
@documented(blp, body=bodies.DecisionsIn, if_match=True)
@blp.response(200, schemas.Deliberation, headers=ETAG)
@allowed("operator")
def revise(deliberation_id):
    """Replace the decisions of an open or returned deliberation."""
    return _shown(
        ledger().revise_decisions(actor(), deliberation_id, body(), expected_version())
    )


@blp.route("/<deliberation_id>/submit", methods=["POST"])
@documented(blp, if_match=True)
@blp.response(200, schemas.Deliberation, headers=ETAG)
@allowed("operator")
@keyed
def submit(deliberation_id):
    """Send the deliberation to the camat; its proposals are tabled."""
    return _shown(
        ledger().submit_deliberation(actor(), deliberation_id, expected_version())
    )


@blp.route("/<deliberation_id>/approval", methods=["POST"])
@documented(blp, body=bodies.ApprovalIn, if_match=True)
@blp.response(200, schemas.Deliberation, headers=ETAG)
@allowed("camat")
@keyed
def approval(deliberation_id):
    """The camat approves the deliberation's decisions or returns it."""
    return _shown(
        ledger().decide_deliberation(
            actor(), deliberation_id, body(), expected_version()
        )
    )
