"""Proposals (usulan): submit, list, read, withdraw, verval, return."""

from __future__ import annotations

from flask import request
from flask_smorest import Blueprint

from api import bodies, present, queries, render, schemas
from api.context import actor, allowed, body, etag, expected_version, keyed, ledger
from api.docs import ETAG, READ, documented

blp = Blueprint(
    "proposals",
    __name__,
    url_prefix="/api/v1/proposals",
    description="Proposals to add, remove or correct people",
)


def _shown(record):
    return present.proposal(record), etag(record.version)


@blp.route("", methods=["POST"])
@documented(blp, body=bodies.ProposalIn)
@blp.response(201, schemas.Proposal, headers=ETAG)
@allowed("operator")
@keyed
def submit():
    """Submit a proposal for the operator's desa."""
    return _shown(ledger().submit_proposal(actor(), body()))


@blp.route("", methods=["GET"])
@documented(blp, problems=READ, query=queries.ProposalQuery)
@blp.response(200, schemas.ProposalPage)
def list_proposals():
    """List proposals in your scope (filters: status, kind, region; paged)."""
    items, cursor = ledger().list_proposals(actor(), request.args.to_dict())
    return render.page(items, cursor)


@blp.route("/<proposal_id>", methods=["GET"])
@documented(blp, problems=READ)
@blp.response(200, schemas.ProposalDetail, headers=ETAG)
def detail(proposal_id):
    """A proposal with its timeline: every event, who caused it, and when."""
    record = ledger().proposal(actor(), proposal_id)
    shown = present.proposal(record)
    shown["timeline"] = present.timeline(ledger().events.get(record.id))
    return shown, etag(record.version)


@blp.route("/<proposal_id>/withdraw", methods=["POST"])
@documented(blp, body=bodies.ReasonIn, if_match=True)
@blp.response(200, schemas.Proposal, headers=ETAG)
@allowed("operator")
@keyed
def withdraw(proposal_id):
    """The village withdraws its proposal."""
    return _shown(
        ledger().withdraw_proposal(actor(), proposal_id, body(), expected_version())
    )


@blp.route("/<proposal_id>/verval", methods=["POST"])
@documented(blp, body=bodies.VervalIn, if_match=True)
@blp.response(200, schemas.Proposal, headers=ETAG)
@allowed("verifier")
@keyed
def verval(proposal_id):
    """Record the district's verval: eligibility and NIK match."""
    return _shown(
        ledger().record_verval(actor(), proposal_id, body(), expected_version())
    )


@blp.route("/<proposal_id>/return", methods=["POST"])
@documented(blp, body=bodies.ReasonIn, if_match=True)
@blp.response(200, schemas.Proposal, headers=ETAG)
@allowed("ministry")
@keyed
def return_for_correction(proposal_id):
    """The ministry returns a ratified proposal for correction."""
    return _shown(
        ledger().return_for_correction(actor(), proposal_id, body(), expected_version())
    )
