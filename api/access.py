"""Access to personal data is itself recorded (SPEC §10).

A view that shows a person's or family's record, or searches, calls `note()`;
after the response, each note becomes one entry of the access log with the
user, the route template, the answer's status and the time. A proposal refused
as a conflict is noted too (`refused()`): entries answered 409 are the refusals
auditors count per user.
"""

from __future__ import annotations

import datetime as dt

from flask import Flask, current_app, g, request

from events.access import Access, AccessLog
from workflow.errors import ProposalConflict, WorkflowError


def note(nik: str | None = None, kk: str | None = None, region: str | None = None):
    """Record that this request reads the personal data of `nik` / `kk`, or
    searches `region`."""
    g.setdefault("dtks_access", []).append((nik, kk, region))


def refused(error: WorkflowError) -> None:
    """Note a proposal the registry refused (409), so that probing leaves a trace:
    the NIK or No. KK the caller named, filed under the caller's own region."""
    if isinstance(error, ProposalConflict) and g.get("actor") is not None:
        params = getattr(error.message, "params", {})
        note(nik=params.get("nik"), kk=params.get("kk"), region=g.actor.region)


def access_log() -> AccessLog:
    """The access log of this worker process."""
    return current_app.extensions["dtks_access"]()


def register(app: Flask) -> None:
    """Queue each noted access when its response is ready."""

    @app.after_request
    def record_access(response):
        notes = g.pop("dtks_access", [])
        if notes and g.get("actor") is not None:
            at = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
            route = request.url_rule.rule if request.url_rule else request.path
            status, user = response.status_code, g.actor.id
            access_log().record(
                *(Access(at, user, route, status, *note) for note in notes)
            )
        return response
