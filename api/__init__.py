"""HTTP interface of the ledger: Flask app factory with flask-smorest blueprints."""

from __future__ import annotations

import os
import threading

from flask import Flask, jsonify, request
from flask_smorest import Api

from api import errors
from api.context import authenticate
from workflow.app import Ledger, open_ledger

DEFAULTS = {
    "DATABASE_URL": None,  # None: DTKS_DATABASE_URL, else the SQLite default
    "API_TITLE": "DTKS verval ledger",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.1.0",
    "OPENAPI_URL_PREFIX": "/api",
    "OPENAPI_JSON_PATH": "openapi.json",
    "OPENAPI_SWAGGER_UI_PATH": "/docs",
    "OPENAPI_SWAGGER_UI_URL": "https://cdn.jsdelivr.net/npm/swagger-ui-dist/",
    "MAX_CONTENT_LENGTH": 1024 * 1024,
    "API_SPEC_OPTIONS": {
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}
        },
        "security": [{"bearer": []}],
    },
}


def create_app(config: dict | None = None) -> Flask:
    """Build the app; the ledger opens on first use, once per worker process."""
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.update(config or {})
    app.extensions["dtks_ledger"] = _lazy_ledger(app)

    api = Api(app)
    from api import decrees, deliberations, proposals, users

    for module in (proposals, deliberations, decrees, users):
        api.register_blueprint(module.blp)
    errors.register(app)

    @app.before_request
    def require_token():
        if request.path.startswith("/api/v1/"):
            authenticate()

    @app.after_request
    def name_the_worker(response):
        response.headers["X-DTKS-Worker"] = str(os.getpid())
        return response

    _health(app)
    return app


def _lazy_ledger(app: Flask):
    lock, opened = threading.Lock(), []

    def ledger() -> Ledger:
        if not opened:
            with lock:
                if not opened:
                    opened.append(open_ledger(app.config["DATABASE_URL"]))
        return opened[0]

    return ledger


def _health(app: Flask) -> None:
    @app.get("/healthz")
    def healthz():
        """The process is alive."""
        return jsonify(status="ok")

    @app.get("/readyz")
    def readyz():
        """The event store is reachable; `position` is the last event recorded."""
        ledger = app.extensions["dtks_ledger"]()
        position = ledger.recorder.max_notification_id() or 0
        return jsonify(status="ready", position=position)
