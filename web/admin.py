"""Accounts for the admin: create, reset a password, unlock, revoke tokens,
disable and enable."""

from __future__ import annotations

from flask import Blueprint, request, url_for
from flask_babel import gettext as _

from web.common import actor, csv_download, finish, ledger, once, page, wants_csv
from workflow.actors import ROLES
from workflow.domain.accounts import User
from workflow.domain.usernames import username_problem
from workflow.errors import InvalidInput
from workflow.passwords import password_problem

blp = Blueprint("admin", __name__, url_prefix="/akun")


def _with_sign_in(row: dict) -> dict:
    """A listed account with what the admin manages: its username and lock-out."""
    record = ledger().load(User, row["id"], "user")
    return {**row, "username": record.username, "locked_until": record.locked_until}


@blp.get("")
def accounts(**shown):
    """Accounts with their role, scope, username and lock-out; paged."""
    if wants_csv():
        return _csv()
    query = {"cursor": request.args.get("cursor"), "limit": "50"}
    rows, cursor = ledger().list_users(actor(), query)
    users = [_with_sign_in(row) for row in rows]
    return page(
        "admin.html",
        users=users,
        roles=ROLES,
        next_cursor=cursor,
        args={},
        me=actor().id,
        **shown,
    )


def _csv():
    rows, cursor = [], None
    while True:
        found, cursor = ledger().list_users(actor(), {"cursor": cursor, "limit": "200"})
        rows += [_with_sign_in(row) for row in found]
        if cursor is None:
            break
    header = ["id", "nama", "peran", "wilayah", "nama_pengguna"]
    table = [[u["id"], u["name"], u["role"], u["region"], u["username"]] for u in rows]
    return csv_download("akun", header, table)


def _done(action, message: str):
    def again(errors, message):
        return accounts(errors=errors, message=message, values=request.form)

    return finish(action, message, url_for("web.admin.accounts"), again)


@blp.post("")
def create():
    """Create an account with a username and a first password."""
    form = request.form
    body = {
        name: form.get(name, "").strip() or None
        for name in ("name", "role", "region", "username")
    }
    password = form.get("password", "")

    def make():
        problems = {
            "username": username_problem(body["username"]),
            "password": password_problem(password),
        }
        if any(problems.values()):
            raise InvalidInput({k: [v] for k, v in problems.items() if v})
        with once(body):
            ledger().add_user(actor(), body)
        ledger().set_password(actor(), body["username"], password)

    return _done(make, _("Akun %(name)s dibuat.", name=body["username"]))


@blp.post("/<user_id>/sandi")
def reset_password(user_id):
    """Give an account a new password (this also lifts a lock-out)."""
    username = request.form.get("username", "")
    password = request.form.get("password", "")
    return _done(
        lambda: ledger().set_password(actor(), username, password),
        _("Kata sandi %(name)s diganti.", name=username),
    )


@blp.post("/<user_id>/buka")
def unlock(user_id):
    """Lift a lock-out now."""
    return _done(lambda: ledger().unlock(actor(), user_id), _("Kunci dibuka."))


@blp.post("/<user_id>/token")
def revoke(user_id):
    """Revoke every API token of an account."""
    return _done(
        lambda: ledger().revoke_tokens(actor(), user_id), _("Semua token dicabut.")
    )


@blp.post("/<user_id>/nonaktif")
def disable(user_id):
    """Disable an account: its API tokens and web session stop working."""
    return _change_status(ledger().disable, user_id, _("Akun dinonaktifkan."))


@blp.post("/<user_id>/aktif")
def enable(user_id):
    """Enable a disabled account again."""
    return _change_status(ledger().enable, user_id, _("Akun diaktifkan kembali."))


def _change_status(use_case, user_id, message: str):
    reason = {"reason": request.form.get("reason", "")}
    return _done(lambda: use_case(actor(), user_id, reason), message)
