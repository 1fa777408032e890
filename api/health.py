"""Liveness and readiness, answered within a second whatever the store does."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as Late

from flask import Flask, jsonify

from api.errors import problem

READY_WITHIN = 0.9  # seconds: a load balancer's probe gets its answer in time
# One probe thread per process is enough; more probes queue behind it and, when
# the store hangs, are answered "not ready" on time instead of piling up.
_probe = ThreadPoolExecutor(max_workers=1, thread_name_prefix="readyz")


def max_lag() -> int:
    """Events the read models may lag behind the log and still be ready."""
    return int(os.environ.get("DTKS_READY_MAX_LAG") or 1000)


def register(app: Flask) -> None:
    """Install GET /healthz and GET /readyz (no token)."""

    @app.get("/healthz")
    def healthz():
        """The process is alive."""
        return jsonify(status="ok")

    @app.get("/readyz")
    def readyz():
        """The store is reachable; how far the read models lag the event log."""
        try:
            head, applied = _probe.submit(_positions, app).result(READY_WITHIN)
        except Late:
            return _not_ready("the store did not answer within a second")
        except Exception as error:  # any failure of the store means not ready
            return _not_ready(f"the store is not reachable ({type(error).__name__})")
        lag = head - applied
        state = {"position": head, "projected": applied, "projection_lag": lag}
        if lag > max_lag():
            return _not_ready(f"the read models lag {lag} events behind", **state)
        return jsonify(status="ready", **state)


def _positions(app: Flask) -> tuple[int, int]:
    projector = app.extensions["dtks_read"]().projector
    return projector.head(), projector.position()


def _not_ready(detail: str, **state):
    response = problem(503, "Not ready", detail, **state)
    response.headers["Retry-After"] = "5"
    return response
