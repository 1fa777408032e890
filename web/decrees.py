"""The ratifier's SK and the ministry's determination, for a chosen set."""

from __future__ import annotations

from flask import Blueprint, request, url_for
from flask_babel import gettext as _

from web.common import actor, finish, ledger, once
from web.proposals import listing_page

blp = Blueprint("decrees", __name__)


def _decree(use_case, body: dict, done: str, status: str):
    def act():
        with once(body):
            use_case(actor(), body)

    def again(errors, message):
        return listing_page(errors=errors, message=message, values=request.form)

    target = url_for("web.proposals.listing", status=status)
    return finish(act, done, target, again)


@blp.post("/sk")
def ratify():
    """The regent's or mayor's decree ratifies the chosen verified proposals."""
    form = request.form
    body = {
        "kabkota": actor().region,
        "decree_number": form.get("decree_number", "").strip(),
        "signed_on": form.get("signed_on", "").strip(),
        "proposal_ids": form.getlist("proposal_ids"),
    }
    done = _(
        "SK %(number)s mengesahkan %(count)s usulan.",
        number=body["decree_number"],
        count=len(body["proposal_ids"]),
    )
    return _decree(ledger().ratify, body, done, "ratified")


@blp.post("/penetapan")
def determine():
    """The ministry determines the chosen ratified proposals (none: all of them)."""
    form = request.form
    body = {
        "period": form.get("period", "").strip(),
        "decree_number": form.get("decree_number", "").strip(),
        "effective_on": form.get("effective_on", "").strip(),
    }
    if form.getlist("proposal_ids"):
        body["proposal_ids"] = form.getlist("proposal_ids")
    done = _("Penetapan %(number)s tersimpan.", number=body["decree_number"])
    return _decree(ledger().determine, body, done, "determined")
