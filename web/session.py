"""The signed session cookie: its key, its lifetime and its flags."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

from flask import Flask, Request
from flask.sessions import SecureCookieSessionInterface

KEY_FILE = Path(__file__).resolve().parents[1] / "var" / "secret_key"


def configure_session(app: Flask) -> None:
    """HttpOnly, SameSite=Lax, Secure behind HTTPS; every worker shares the key."""
    app.session_interface = CookieSessions()
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = os.environ.get("DTKS_SECRET_KEY") or _key()
    hours = float(os.environ.get("DTKS_SESSION_HOURS", "8"))
    app.config.update(
        PERMANENT_SESSION_LIFETIME=timedelta(hours=hours),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=os.environ.get("DTKS_SECURE_COOKIES", "0") == "1",
        SESSION_COOKIE_NAME="dtks_session",
    )


class CookieSessions(SecureCookieSessionInterface):
    """Flask's signed cookie, without building a signer for requests that carry none.

    API and DCI clients send a bearer token and no cookie; building the signer
    for each of their requests cost as much as the token check.
    """

    def open_session(self, app: Flask, request: Request):
        """An empty session when the request has no session cookie."""
        if self.get_cookie_name(app) not in request.cookies:
            return self.session_class()
        return super().open_session(app, request)


def _key() -> str:
    """The key in var/secret_key, made once; every worker reads the same file."""
    try:
        return KEY_FILE.read_text().strip() or _new_key()
    except FileNotFoundError:
        return _new_key()


def _new_key() -> str:
    KEY_FILE.parent.mkdir(parents=True, exist_ok=True)
    draft = KEY_FILE.with_name(f"secret_key.{os.getpid()}")
    draft.write_text(secrets.token_urlsafe(48))
    draft.chmod(0o600)
    try:
        os.link(draft, KEY_FILE)  # atomic: the first worker's key wins
    except FileExistsError:
        pass
    finally:
        draft.unlink()
    return KEY_FILE.read_text().strip()
