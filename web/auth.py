"""Signing in with a username and password, and signing out."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from web.common import actor, ledger, local_path
from workflow.errors import AccountDisabled, NotAuthenticated
from workflow.usecases.signin import AccountLocked

blp = Blueprint("auth", __name__)


def disabled_notice() -> str:
    """What a disabled account is told when it signs in or its session ends."""
    return _(
        "Akun ini dinonaktifkan oleh admin. Hubungi admin untuk mengaktifkannya "
        "kembali."
    )


@blp.route("/masuk", methods=["GET", "POST"])
def sign_in():
    """The sign-in form; a right password starts a session."""
    if request.method == "GET":
        return render_template("signin.html", next=_next_page())
    username = request.form.get("username", "").strip()
    try:
        who = ledger().sign_in(username, request.form.get("password", ""))
    except AccountLocked as locked:
        message = _(
            "Akun ini dikunci setelah lima kali gagal masuk, sampai %(until)s UTC. "
            "Tunggu, atau minta admin membukanya.",
            until=locked.until[:16].replace("T", " "),
        )
        return _again(username, message)
    except AccountDisabled:
        return _again(username, disabled_notice())
    except NotAuthenticated:
        return _again(username, _("Nama pengguna atau kata sandi salah."))
    session.clear()
    session.permanent = True
    session["user_id"] = who.id
    return redirect(_next_page() or url_for("web.home"))


@blp.post("/keluar")
def sign_out():
    """End the session; the sign-out is recorded."""
    ledger().sign_out(actor())
    session.clear()
    return redirect(url_for("web.auth.sign_in"))


def _again(username: str, message: str):
    shown = render_template(
        "signin.html", next=_next_page(), username=username, message=message
    )
    return shown, 401


def _next_page() -> str:
    """Where to go after signing in: a path on this site only."""
    return local_path(request.values.get("next"))
