"""What the access log may say about a request: its route template and user id.

gunicorn writes the access log; its format (gunicorn.conf.py) reads these two
WSGI environ entries instead of the path, which holds NIKs and No. KKs.
"""

from __future__ import annotations

from flask import Flask, g, request

ROUTE, USER = "dtks.route", "dtks.user"


def register(app: Flask) -> None:
    """Name each request's route template and user for the access log."""

    @app.after_request
    def name_route_and_user(response):
        rule = request.url_rule
        request.environ[ROUTE] = rule.rule if rule is not None else "(no route)"
        actor = g.get("actor")
        request.environ[USER] = actor.id if actor is not None else "-"
        return response
