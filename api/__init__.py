"""HTTP interface of the ledger: Flask app factory with flask-smorest blueprints."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import TypeVar

from flask import Flask, jsonify, request
from flask_smorest import Api

import web
from api import errors, schemas
from api.context import authenticate
from api.swagger_ui import serve_swagger_ui
from dci import views as dci_views
from events.readside import open_service

T = TypeVar("T")

DEFAULTS = {
    "DATABASE_URL": None,  # None: DTKS_DATABASE_URL, else the SQLite default
    "API_TITLE": "DTKS verval ledger",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.1.0",
    "OPENAPI_URL_PREFIX": "/api",
    "OPENAPI_JSON_PATH": "openapi.json",
    "OPENAPI_SWAGGER_UI_PATH": "/docs",
    # Served by the app itself (api.swagger_ui): kabupaten networks
    # are often offline, and nothing may load from a CDN.
    "OPENAPI_SWAGGER_UI_URL": "/api/docs/assets/",
    "OPENAPI_SWAGGER_UI_CONFIG": {"validatorUrl": None},
    "MAX_CONTENT_LENGTH": 1024 * 1024,
    "API_SPEC_OPTIONS": {
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}
        },
        "security": [{"bearer": []}],
    },
}


class LedgerApi(Api):
    """flask-smorest's Api; every view documents its own problem+json errors."""

    DEFAULT_ERROR_RESPONSE_NAME = None
    ERROR_SCHEMA = schemas.Problem


def create_app(config: dict | None = None) -> Flask:
    """Build the app; the ledger opens on first use, once per worker process."""
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.update(config or {})
    # A read model built for another version is rebuilt in the background of the
    # first worker that starts; reads answer 503 `rebuilding` until it is done.
    app.extensions["dtks_ledger"] = _lazy(
        lambda: open_service(app.config["DATABASE_URL"], migrate="background")
    )
    app.extensions["dtks_read"] = lambda: app.extensions["dtks_ledger"]().index

    api = LedgerApi(app)
    from api import decrees, deliberations, integrity, proposals, registry, users

    for module in (proposals, deliberations, decrees, registry, users, integrity):
        api.register_blueprint(module.blp)
    app.register_blueprint(dci_views.blp)  # /dci: the DCI API (SPEC §11)
    errors.register(app)
    serve_swagger_ui(app)

    @app.before_request
    def require_token():
        if request.path.startswith("/api/v1/"):
            authenticate()

    @app.after_request
    def name_the_worker(response):
        response.headers["X-DTKS-Worker"] = str(os.getpid())
        return response

    _health(app)
    web.register(app)  # the pages at /, in Bahasa Indonesia
    return app


def _lazy(build: Callable[[], T]) -> Callable[[], T]:
    """Build once, on first use in this process (so after gunicorn forks)."""
    lock, built = threading.Lock(), []

    def get() -> T:
        if not built:
            with lock:
                if not built:
                    built.append(build())
        return built[0]

    return get


def _health(app: Flask) -> None:
    @app.get("/healthz")
    def healthz():
        """The process is alive."""
        return jsonify(status="ok")

    @app.get("/readyz")
    def readyz():
        """The store is reachable; how far the read models lag the event log."""
        projector = app.extensions["dtks_read"]().projector
        head, applied = projector.head(), projector.position()
        return jsonify(
            status="ready",
            position=head,
            projected=applied,
            projection_lag=head - applied,
        )
