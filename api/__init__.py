"""HTTP interface of the ledger: Flask app factory with flask-smorest blueprints."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import TypeVar

from eventsourcing.persistence import OperationalError
from flask import Flask, request
from flask_smorest import Api

import web
from api import access, access_log, errors, health, limits, schemas
from api.context import authenticate, limit_rate
from api.swagger_ui import serve_swagger_ui
from dci import views as dci_views
from events.access import AccessLog
from events.readside import open_service
from workflow.store_limits import request_budget

T = TypeVar("T")
OPEN_WAIT = 3  # seconds; an attempt to open the store gives up after ~2

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
    "RATE_LIMITS": None,  # None: DTKS_RATE_LIMITS, else api.limits.DEFAULT
    "API_SPEC_OPTIONS": {
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}
        },
        "security": [{"bearer": []}],
    },
}


class LedgerFlask(Flask):
    """Flask, asking once per function whether it is a coroutine to be run
    synchronously: flask-smorest wraps each view five deep and Flask asked at
    every level of every request, about a tenth of an empty list's time."""

    ROOM = 10_000  # functions remembered; more are asked about each time

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._synced: dict[Callable, Callable] = {}

    def ensure_sync(self, func: Callable) -> Callable:
        """The function itself, or the async one wrapped to run synchronously."""
        synced = self._synced.get(func)
        if synced is None:
            synced = super().ensure_sync(func)
            if len(self._synced) < self.ROOM:
                self._synced[func] = synced
        return synced


class LedgerApi(Api):
    """flask-smorest's Api; every view documents its own problem+json errors."""

    DEFAULT_ERROR_RESPONSE_NAME = None
    ERROR_SCHEMA = schemas.Problem


def create_app(config: dict | None = None) -> Flask:
    """Build the app; the ledger opens on first use, once per worker process."""
    app = LedgerFlask(__name__)
    app.config.update(DEFAULTS)
    app.config.update(config or {})
    # A read model built for another version is rebuilt in the background of the
    # first worker that starts; reads answer 503 `rebuilding` until it is done.
    app.extensions["dtks_ledger"] = _lazy(
        lambda: open_service(
            app.config["DATABASE_URL"], migrate="background", budget=request_budget()
        )
    )
    app.extensions["dtks_read"] = lambda: app.extensions["dtks_ledger"]().index
    app.extensions["dtks_limiter"] = limits.Limiter(
        limits.configured(app.config["RATE_LIMITS"])
    )
    app.extensions["dtks_access"] = _lazy(lambda: _access_log(app))

    api = LedgerApi(app)
    from api import (
        access_views,
        decrees,
        deliberations,
        integrity,
        proposals,
        registry,
        users,
    )

    for module in (
        proposals,
        deliberations,
        decrees,
        registry,
        users,
        integrity,
        access_views,
    ):
        api.register_blueprint(module.blp)
    from api import oversight

    api.register_blueprint(oversight.blp)  # /api/v1/oversight (SPEC §9)
    app.register_blueprint(dci_views.blp)  # /dci: the DCI API (SPEC §11)
    errors.register(app)
    serve_swagger_ui(app)

    @app.before_request
    def require_token():
        if request.path.startswith("/api/v1/"):
            authenticate()
            view = app.view_functions.get(request.endpoint or "")
            limit_rate(limits.kind_of(request.method, view))

    @app.after_request
    def name_the_worker(response):
        response.headers["X-DTKS-Worker"] = str(os.getpid())
        return response

    health.register(app)
    access_log.register(app)
    access.register(app)
    web.register(app)  # the pages at /, in Bahasa Indonesia
    return app


def _access_log(app: Flask) -> AccessLog:
    """The access log, written out when the app's ledger closes."""
    ledger = app.extensions["dtks_ledger"]()
    access_log = AccessLog(ledger.env)
    ledger.on_close(access_log.close)
    return access_log


def _lazy(build: Callable[[], T]) -> Callable[[], T]:
    """Build once, on first use in this process (so after gunicorn forks).

    A build that fails (the store is down) is tried again by a later request;
    meanwhile requests that would queue behind a build in progress for longer
    than a connection attempt answer 503 rather than wait.
    """
    lock, built = threading.Lock(), []

    def get() -> T:
        if not built:
            if not lock.acquire(timeout=OPEN_WAIT):
                raise OperationalError("the store is still being opened")
            try:
                if not built:
                    built.append(build())
            finally:
                lock.release()
        return built[0]

    return get
