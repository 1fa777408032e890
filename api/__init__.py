"""HTTP interface of the ledger (Flask)."""

from __future__ import annotations

from flask import Flask, jsonify

from workflow.app import Ledger, open_ledger


def create_app(config: dict | None = None) -> Flask:
    """Build the Flask app; the ledger opens lazily, once per worker process."""
    app = Flask(__name__)
    app.config.update(DATABASE_URL=None, **(config or {}))
    state: dict[str, Ledger] = {}

    def ledger() -> Ledger:
        if "ledger" not in state:
            state["ledger"] = open_ledger(app.config["DATABASE_URL"])
        return state["ledger"]

    app.extensions["dtks_ledger"] = ledger

    @app.get("/healthz")
    def healthz():
        """The process is alive."""
        return jsonify(status="ok")

    @app.get("/readyz")
    def readyz():
        """The event store is reachable."""
        position = ledger().recorder.max_notification_id() or 0
        return jsonify(status="ready", position=position)

    return app
