"""Accounts: who am I, create, issue and revoke tokens, disable and enable."""

from __future__ import annotations

from flask import request
from flask_smorest import Blueprint

from api import account_bodies, list_schemas, present, queries, render, schemas
from api.context import actor, allowed, body, keyed, ledger
from api.docs import READ, WRITE, documented
from workflow.errors import Conflict
from workflow.problems import Problem

blp = Blueprint(
    "users", __name__, url_prefix="/api/v1/users", description="Accounts and tokens"
)


@blp.route("/me", methods=["GET"])
@documented(blp, problems=(401,))
@blp.response(200, schemas.User)
def me():
    """The account of the token you sent."""
    who = actor()
    return {"id": who.id, "name": who.name, "role": who.role, "region": who.region}


@blp.route("", methods=["GET"])
@documented(blp, problems=READ, query=queries.UserQuery)
@blp.response(200, list_schemas.UserPage)
@allowed("admin", "auditor")
def list_users():
    """Accounts, oldest first (filter: role; paged)."""
    items, cursor = ledger().list_users(actor(), request.args.to_dict())
    return render.page(items, cursor)


@blp.route("", methods=["POST"])
@documented(blp, body=account_bodies.UserIn, problems=WRITE)
@blp.response(201, schemas.NewUser)
@allowed("admin")
@keyed
def create():
    """Create an account; its token is shown only in this response."""
    user, token = ledger().add_user(actor(), body())
    if token is None:
        raise Conflict(Problem("user.token_shown", user=user.id))
    return {**present.user(user), "token": token, "token_expires_at": token.expires_at}


@blp.route("/<user_id>/tokens", methods=["POST"])
@documented(blp, body=account_bodies.TokenIn, problems=WRITE)
@blp.response(201, schemas.NewToken)
@allowed("admin")
@keyed
def issue(user_id):
    """Issue one more token to an account; it is shown only in this response."""
    token = ledger().issue_token(actor(), user_id, body())
    if token is None:
        raise Conflict(Problem("token.shown", user=user_id))
    return {"token": token, "expires_at": token.expires_at}


@blp.route("/<user_id>/disable", methods=["POST"])
@documented(blp, body=account_bodies.AccountStatusIn, problems=WRITE)
@blp.response(200, list_schemas.Account)
@allowed("admin")
@keyed
def disable(user_id):
    """Disable an account: its tokens answer 401 and its web session ends."""
    return present.account(ledger().disable(actor(), user_id, body()))


@blp.route("/<user_id>/enable", methods=["POST"])
@documented(blp, body=account_bodies.AccountStatusIn, problems=WRITE)
@blp.response(200, list_schemas.Account)
@allowed("admin")
@keyed
def enable(user_id):
    """Enable a disabled account again; its unexpired tokens work again."""
    return present.account(ledger().enable(actor(), user_id, body()))


@blp.route("/<user_id>/tokens", methods=["DELETE"])
@documented(blp, problems=(*READ, 429))
@blp.response(204)
@allowed("admin")
def revoke(user_id):
    """Revoke every token of an account."""
    ledger().revoke_tokens(actor(), user_id)
    return None
