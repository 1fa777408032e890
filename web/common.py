"""What every page shares: the actor, the ledger, lists as dicts, CSV, form keys."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from flask import Response, current_app, flash, g, redirect, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _

from api import present
from api.access import refused
from workflow.actors import Actor
from workflow.app import Ledger
from workflow.errors import Conflict, InvalidInput, StaleVersion, WorkflowError
from workflow.problems import worded
from workflow.usecases.core import KeyedRequest

FORMULA = ("=", "+", "-", "@", "\t", "\r")


def ledger() -> Ledger:
    """The ledger of this worker process."""
    return current_app.extensions["dtks_ledger"]()


def registry():
    """The registry read models, caught up with every acknowledged write."""
    return current_app.extensions["dtks_read"]().fresh()


def actor() -> Actor:
    """The signed-in actor of this request."""
    return g.actor


def as_dict(record: Any) -> dict:
    """A listed proposal as a dict: read models give dicts, aggregates are shown."""
    return record if isinstance(record, dict) else present.proposal(record)


def as_deliberation(record: Any) -> dict:
    """A listed deliberation as a dict, whichever side it came from."""
    return record if isinstance(record, dict) else present.deliberation(record)


def new_form_key() -> str:
    """A random key for one rendering of a form: a second send repeats it."""
    return secrets.token_urlsafe(18)


@contextmanager
def once(body: Any) -> Iterator[None]:
    """Within this block a form sent again with its key returns the first result."""
    key = request.form.get("form_key") or new_form_key()
    fingerprint = hashlib.sha256(
        json.dumps([request.path, body], sort_keys=True, default=str).encode()
    ).hexdigest()
    with ledger().idempotent(KeyedRequest(actor().stamp(), key, fingerprint)):
        yield


def local_path(target: str | None) -> str:
    """`target` when it is a path on this site, else "" (no open redirects)."""
    target = target or ""
    return target if target.startswith("/") and target[1:2] not in "/\\" else ""


def expected() -> int | None:
    """The version of the record the page showed (If-Match for forms)."""
    version = request.form.get("version", "")
    return int(version) if version.isdigit() else None


def words(message: Any) -> str:
    """A ledger message in the reader's language (plain text stays as it is)."""
    return str(worded(message, str(get_locale())))


def refusal(error: WorkflowError) -> str:
    """The words shown above a form the ledger refused (nothing was changed)."""
    if isinstance(error, StaleVersion):
        return _(
            "Data ini sudah berubah sejak halaman dibuka (versi %(seen)s, sekarang "
            "%(now)s). Tidak ada yang diubah: muat ulang halaman lalu periksa lagi.",
            seen=error.expected,
            now=error.current,
        )
    if isinstance(error, InvalidInput):
        return _("Ada isian yang perlu diperbaiki; lihat keterangan di tiap kolom.")
    return words(error.args[0] if error.args else error)


def attempt(action: Callable[[], Any], again: Callable[..., Any]) -> Any:
    """Run a use case; when refused, show the form again with why, nothing changed."""
    try:
        return action()
    except InvalidInput as error:
        return again(errors=error.errors, message=refusal(error)), 422
    except (Conflict, StaleVersion) as error:
        refused(error)
        return again(errors={}, message=refusal(error)), 409


def finish(action: Callable[[], Any], done: str, target: str, again) -> Any:
    """Run a use case, then say it is done and go to `target`; or show why not."""

    def act():
        action()
        flash(done, "ok")
        return redirect(target)

    return attempt(act, again)


def saved(call: Callable[[], Any], body: Any, target: str, again) -> Any:
    """Run a use case once per form key; say it was saved, or show why not."""

    def act():
        with once(body):
            call()

    return finish(act, _("Tersimpan."), target, again)


def page(template: str, **context: Any) -> str:
    """Render a page; a form shown again keeps its key, a new one gets a fresh key."""
    if not context.get("form_key"):
        context["form_key"] = (context.get("values") or {}).get("form_key")
    context["form_key"] = context["form_key"] or new_form_key()
    context.setdefault("errors", {})
    context.setdefault("values", {})
    return render_template(template, **context)


CSV_CAP = 10_000  # rows of one download; a wider table is narrowed by its filters


def every_page(lister: Callable[..., tuple[list, Any]], query: dict) -> list:
    """Every item a listing use case pages through (up to CSV_CAP), for a CSV."""
    found: list = []
    cursor = None
    while len(found) < CSV_CAP:
        items, cursor = lister(actor(), {**query, "cursor": cursor, "limit": "200"})
        found += items
        if cursor is None:
            break
    return found[:CSV_CAP]


def csv_download(name: str, header: list[str], rows: list[list[Any]]) -> Response:
    """A table as CSV; a cell a spreadsheet would run as a formula is quoted."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([[csv_cell(v) for v in row] for row in rows])
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


def csv_cell(value: Any) -> str:
    """A value as a CSV cell; one starting = + - @ gets a leading quote."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA) else text


def wants_csv() -> bool:
    """True when the reader asked for the table as CSV."""
    return request.args.get("format") == "csv"
