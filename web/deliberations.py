"""Musdes/Muskel pages: the operator's minutes form, the camat's approval
(the lists: web/deliberation_lists.py)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext as _

from api import present
from web.common import (
    actor,
    as_dict,
    attempt,
    expected,
    ledger,
    once,
    page,
    saved,
)
from workflow.domain.deliberation import EDITABLE

blp = Blueprint("deliberations", __name__, url_prefix="/musyawarah")
MINUTES = ("held_on", "minutes_number", "chaired_by", "attendees")


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
    return {"desa": actor().region, **body, "decisions": _decisions()}


def _decisions() -> list[dict]:
    """The decision chosen for each proposal the form listed (none: not tabled)."""
    form, decisions = request.form, []
    for proposal_id in form.getlist("proposal_id"):
        outcome = form.get(f"outcome.{proposal_id}")
        if outcome:
            note = form.get(f"note.{proposal_id}", "").strip() or None
            decision = {"proposal_id": proposal_id, "outcome": outcome, "note": note}
            decisions.append(decision)
    return decisions


def _form(template: str = "deliberations/form.html", **shown):
    waiting, _cursor = ledger().list_proposals(
        actor(), {"status": "submitted", "limit": "200"}
    )
    return page(template, waiting=[as_dict(p) for p in waiting], **shown)


@blp.route("/<deliberation_id>/ubah", methods=["GET", "POST"])
def revise(deliberation_id):
    """The operator changes the decisions before the camat has them (again)."""
    found = present.deliberation(ledger().deliberation(actor(), deliberation_id))
    target = url_for("web.deliberations.detail", deliberation_id=deliberation_id)
    if actor().role != "operator" or found["status"] not in EDITABLE:
        flash(_("Keputusan berita acara ini tidak dapat diubah lagi."), "error")
        return redirect(target)
    if request.method == "GET":
        return _form("deliberations/edit.html", d=found, values=_chosen(found))
    body, version = {"decisions": _decisions()}, expected()

    def again(errors, message):
        shown = {"errors": errors, "message": message, "values": request.form}
        return _form("deliberations/edit.html", d=found, **shown)

    return saved(
        lambda: ledger().revise_decisions(actor(), deliberation_id, body, version),
        body,
        target,
        again,
    )


def _chosen(deliberation: dict) -> dict:
    """The form's values for the decisions a deliberation holds now."""
    values = {}
    for decision in deliberation["decisions"]:
        values[f"outcome.{decision['proposal_id']}"] = decision["outcome"]
        values[f"note.{decision['proposal_id']}"] = decision.get("note") or ""
    return values


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
        editable=found.status in EDITABLE,
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


from web import deliberation_lists  # noqa: E402, F401  (registers the list pages)
