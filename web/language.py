"""The interface language: Indonesian unless the reader chose English."""

from __future__ import annotations

from flask import Blueprint, redirect, request, url_for

from web.common import local_path

LANGUAGES = ("id", "en")
COOKIE = "dtks_lang"

blp = Blueprint("language", __name__)


def chosen_language() -> str:
    """The language remembered in the reader's cookie, else Indonesian."""
    choice = request.cookies.get(COOKIE)
    return choice if choice in LANGUAGES else "id"


@blp.post("/bahasa")
def choose():
    """Remember the reader's language for a year and return to the page."""
    choice = request.form.get("lang")
    response = redirect(local_path(request.form.get("next")) or url_for("web.home"))
    if choice in LANGUAGES:
        response.set_cookie(
            COOKIE, choice, max_age=365 * 86400, httponly=True, samesite="Lax"
        )
    return response
