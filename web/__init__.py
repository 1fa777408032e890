"""The web application in Bahasa Indonesia: server-rendered pages at `/`."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask_babel import Babel
from flask_wtf.csrf import CSRFProtect

from web.session import configure_session

HERE = Path(__file__).parent
csrf = CSRFProtect()


def register(app: Flask) -> None:
    """Add the pages, sign-in, language choice and CSRF checks to the app."""
    from web import site
    from web.language import chosen_language

    # The JSON API under /api uses bearer tokens, not cookies, so the web's
    # blueprint checks CSRF itself (site.guard) instead of every request.
    app.config.setdefault("WTF_CSRF_CHECK_DEFAULT", False)
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)  # the session's own limit
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "id")
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(HERE / "translations"))
    configure_session(app)
    Babel(app, locale_selector=chosen_language)
    csrf.init_app(app)
    app.register_blueprint(site.build())
