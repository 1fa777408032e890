"""Musdes/Muskel pages: the operator's minutes form, the camat's approval."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext as _

from api import present
from web.common import (
    actor,
    as_deliberation,
    as_dict,
    attempt,
    csv_download,
    expected,
    ledger,
    once,
    page,
    saved,
    wants_csv,
)

blp = Blueprint("deliberations", __name__, url_prefix="/musyawarah")
MINUTES = ("held_on", "minutes_number", "chaired_by", "attendees")


@blp.get("")
def listing():
    """Deliberations in the reader's scope, by status; paged."""
    args = {k: v for k, v in request.args.items() if k in ("status", "region") and v}
    query = {**args, "cursor": request.args.get("cursor"), "limit": "25"}
    if wants_csv():
        query["limit"] = "200"
    items, cursor = ledger().list_deliberations(actor(), query)
    shown = [as_deliberation(item) for item in items]
    if wants_csv():
        header = ["id", "desa", "status", "berita_acara", "tanggal", "ketua", "hadir"]
        return csv_download("musyawarah", header, [_csv_row(d) for d in shown])
    quiet = quiet_desa() if actor().role == "camat" else []
    return page(
        "deliberations/list.html",
        items=shown,
        next_cursor=cursor,
        args=args,
        quiet=quiet,
    )


def quiet_desa() -> list[str]:
    """The desa of the camat's kecamatan that held no Musdes/Muskel this month."""
    month = dt.date.today().isoformat()[:7]
    query = {"region": actor().region, "from": month, "to": month}
    return ledger().region_activity(actor(), query)["without_musdes"][0]["desa"]


def _csv_row(d: dict) -> list:
    fields = ("id", "desa", "status", "minutes_number", "held_on", "chaired_by")
    return [*(d[name] for name in fields), d["attendees"]]


@blp.route("/baru", methods=["GET", "POST"])
def new():
    """The minutes of a Musdes/Muskel and a decision on each submitted proposal."""
    if request.method == "GET":
        return _form()
    body = _minutes_body()

    def record():
        with once(body):
            found = ledger().open_deliberation(actor(), body)
        flash(_("Berita acara tersimpan. Kirim ke camat bila sudah lengkap."), "ok")
        return redirect(url_for("web.deliberations.detail", deliberation_id=found.id))

    def again(errors, message):
        return _form(errors=errors, message=message, values=request.form)

    return attempt(record, again)


def _minutes_body() -> dict:
    form = request.form
    body = {name: form.get(name, "").strip() or None for name in MINUTES}
    attendees = body["attendees"]
    if attendees and attendees.isdigit():
        body["attendees"] = int(attendees)
    decisions = []
    for proposal_id in form.getlist("proposal_id"):
        outcome = form.get(f"outcome.{proposal_id}")
        if outcome:
            note = form.get(f"note.{proposal_id}", "").strip() or None
            decision = {"proposal_id": proposal_id, "outcome": outcome, "note": note}
            decisions.append(decision)
    return {"desa": actor().region, **body, "decisions": decisions}


def _form(**shown):
    waiting, _cursor = ledger().list_proposals(
        actor(), {"status": "submitted", "limit": "200"}
    )
    return page(
        "deliberations/form.html",
        waiting=[as_dict(p) for p in waiting],
        **shown,
    )


@blp.get("/<deliberation_id>")
def detail(deliberation_id, **shown):
    """A deliberation's minutes, its decisions, and what the reader may do."""
    found = ledger().deliberation(actor(), deliberation_id)
    proposals = {}
    for decision in found.decisions:
        record = ledger().proposal(actor(), decision["proposal_id"])
        proposals[decision["proposal_id"]] = present.proposal(record)
    return page(
        "deliberations/detail.html",
        d=present.deliberation(found),
        proposals=proposals,
        **shown,
    )


def _act(deliberation_id, action, body):
    def again(errors, message):
        shown = {"errors": errors, "message": message, "values": request.form}
        return detail(deliberation_id, **shown)

    target = url_for("web.deliberations.detail", deliberation_id=deliberation_id)
    return saved(action, body, target, again)


@blp.post("/<deliberation_id>/kirim")
def submit(deliberation_id):
    """The operator sends the minutes to the camat."""
    version = expected()
    return _act(
        deliberation_id,
        lambda: ledger().submit_deliberation(actor(), deliberation_id, version),
        {"submit": deliberation_id},
    )


@blp.post("/<deliberation_id>/putusan")
def decide(deliberation_id):
    """The camat approves the deliberation or returns it with a note."""
    body = {
        "decision": request.form.get("decision"),
        "note": request.form.get("note", "").strip() or None,
    }
    version = expected()
    return _act(
        deliberation_id,
        lambda: ledger().decide_deliberation(actor(), deliberation_id, body, version),
        body,
    )
