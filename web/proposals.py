"""Proposal pages: lists by status, a form per kind, each proposal's timeline."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _

from api import present
from web.common import (
    actor,
    as_dict,
    attempt,
    csv_download,
    every_page,
    expected,
    ledger,
    once,
    page,
    saved,
    wants_csv,
)
from web.forms import at_form_rows, proposal_body, rows
from web.labels import label
from web.timeline import proposal_steps
from workflow.drafts import KINDS, REMOVAL_REASONS

blp = Blueprint("proposals", __name__, url_prefix="/usulan")
FILTERS = ("status", "kind", "region")


@blp.get("")
def listing():
    """Proposals in the reader's scope, by status, kind and region; paged."""
    if wants_csv():
        return _csv()
    return listing_page()


def listing_page(**shown):
    """The list page, with any refused decree form shown again on it."""
    args = {k: v for k, v in request.args.items() if k in FILTERS and v}
    query = {**args, "cursor": request.args.get("cursor"), "limit": "25"}
    items, cursor = ledger().list_proposals(actor(), query)
    return page(
        "proposals/list.html",
        items=[as_dict(item) for item in items],
        next_cursor=cursor,
        args=args,
        **shown,
    )


def _csv():
    query = {k: v for k, v in request.args.items() if k in FILTERS and v}
    items = every_page(ledger().list_proposals, query)
    rows_out = [_csv_row(as_dict(item)) for item in items]
    header = ["id", "jenis", "status", "desa", "no_kk", "kepala", "jumlah_anggota"]
    return csv_download("usulan", [*header, "diajukan", "oleh"], rows_out)


def _csv_row(p: dict) -> list:
    head = next((m for m in p["members"] if m.get("relationship") == "head"), None)
    return [
        p["id"],
        label(p["kind"], "kind"),
        label(p["status"], "status"),
        p["desa"],
        p["family"]["kk"],
        (head or {}).get("name", ""),
        len(p["members"]),
        p["submitted_at"][:10],
        p["submitted_by"]["name"],
    ]


@blp.route("/baru/<kind>", methods=["GET", "POST"])
def new(kind):
    """The form for one kind of proposal; a second send makes no second one."""
    if kind not in KINDS:
        abort(404)
    if request.method == "GET":
        return _form(kind)
    body, origin = proposal_body(request.form, kind, actor().region)
    if "more" in request.form:  # the reader asked for one more member row
        return _form(kind, values=request.form)

    def submit():
        with once(body):
            record = ledger().submit_proposal(actor(), body)
        flash(_("Usulan tersimpan dengan status Diajukan."), "ok")
        return redirect(url_for("web.proposals.detail", proposal_id=record.id))

    def again(errors, message):
        shown = at_form_rows(errors, origin)
        return _form(kind, errors=shown, message=message, values=request.form)

    return attempt(submit, again)


def _form(kind, **shown):
    return page(
        "proposals/form.html",
        kind=kind,
        kinds=KINDS,
        reasons=REMOVAL_REASONS,
        rows=rows(shown.get("values") or {}),
        **shown,
    )


@blp.get("/<proposal_id>")
def detail(proposal_id, **shown):
    """A proposal, every step of its timeline, and what the reader may do next."""
    record = ledger().proposal(actor(), proposal_id)
    return page(
        "proposals/detail.html",
        p=present.proposal(record),
        timeline=proposal_steps(ledger(), actor(), record),
        **shown,
    )


def _step(proposal_id, use_case, body):
    def again(errors, message):
        return detail(proposal_id, errors=errors, message=message, values=request.form)

    version = expected()
    target = url_for("web.proposals.detail", proposal_id=proposal_id)
    return saved(
        lambda: use_case(actor(), proposal_id, body, version), body, target, again
    )


@blp.post("/<proposal_id>/tarik")
def withdraw(proposal_id):
    """The operator withdraws the desa's proposal."""
    body = {"reason": request.form.get("reason", "")}
    return _step(proposal_id, ledger().withdraw_proposal, body)


@blp.post("/<proposal_id>/verval")
def verval(proposal_id):
    """The verifier records eligibility and the NIK match."""
    form = request.form
    body = {
        "eligible": form.get("eligible") == "yes",
        "nik_matched": form.get("nik_matched") == "yes",
        "checked_on": form.get("checked_on", "").strip(),
        "note": form.get("note", "").strip() or None,
    }
    return _step(proposal_id, ledger().record_verval, body)


@blp.post("/<proposal_id>/kembalikan")
def return_for_correction(proposal_id):
    """The ministry returns a ratified proposal for correction."""
    body = {"reason": request.form.get("reason", "")}
    return _step(proposal_id, ledger().return_for_correction, body)
