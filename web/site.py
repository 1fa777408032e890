"""The web blueprint: who may see a page, what an error looks like, the home."""

from __future__ import annotations

from flask import (
    Blueprint,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from web import csrf
from web.auth import disabled_notice
from web.common import ledger, refusal, words
from web.labels import label
from workflow.domain.transitions import STEPS
from workflow.errors import (
    AccountDisabled,
    NotAuthenticated,
    NotFound,
    OutOfScope,
    WorkflowError,
)
from workflow.regions import region_name

PUBLIC = {"web.auth.sign_in", "web.language.choose", "web.static"}
HOME = {
    "operator": "web.registry.families",
    "camat": "web.deliberations.listing",
    "admin": "web.admin.accounts",
    "auditor": "web.dashboard.dashboard",
    "ministry": "web.dashboard.dashboard",
}


def build() -> Blueprint:
    """The web blueprint with every page of SPEC §8 under it."""
    from web import (
        admin,
        auth,
        dashboard,
        decrees,
        deliberations,
        explorer,
        explorer_events,
        explorer_records,
        language,
        proposals,
        registry,
    )

    web = Blueprint(
        "web",
        __name__,
        static_folder="static",
        static_url_path="/assets",
        template_folder="templates",
    )
    web.before_request(guard)
    web.register_error_handler(WorkflowError, workflow_page)
    web.register_error_handler(CSRFError, expired_form)
    web.register_error_handler(HTTPException, http_page)
    web.add_app_template_filter(region_name, "region")
    web.add_app_template_global(label)
    web.add_app_template_global(may)
    web.add_app_template_filter(words, "words")
    web.add_app_template_global(lambda: str(get_locale()), "language")
    web.add_url_rule("/", "home", home)
    pages = (auth, language, proposals, deliberations, decrees, registry, admin)
    oversight = (dashboard, explorer, explorer_records, explorer_events)
    for child in (*pages, *oversight):  # oversight: /pantauan and /jelajah
        web.register_blueprint(child.blp)
    return web


def may(step: str, status: str) -> bool:
    """True when the workflow allows `step` from `status` (offer only that)."""
    return status in STEPS[step][0]


def guard():
    """Send a visitor without a session to sign in; check CSRF on every form."""
    if request.endpoint not in PUBLIC:
        user_id = session.get("user_id")
        if not user_id:
            if request.method == "POST":
                flash(
                    _(
                        "Sesi Anda telah berakhir; tidak ada yang diubah. Silakan "
                        "masuk lagi."
                    ),
                    "error",
                )
            return redirect(url_for("web.auth.sign_in", next=request.path))
        g.actor = ledger().session_actor(user_id)
    if request.method == "POST":
        csrf.protect()


def home():
    """Each role starts on the page of its work."""
    endpoint = HOME.get(g.actor.role, "web.proposals.listing")
    return redirect(url_for(endpoint))


def workflow_page(error: WorkflowError):
    """A refused action or a record out of reach, in words; nothing changed."""
    if isinstance(error, NotAuthenticated):
        session.clear()
        if isinstance(error, AccountDisabled):
            flash(disabled_notice(), "error")
        return redirect(url_for("web.auth.sign_in"))
    if isinstance(error, NotFound | OutOfScope):
        # Another region's record gets the same answer as one that does not exist.
        return render_template(
            "error.html",
            status=404,
            message=_("Halaman ini tidak ada, atau tidak termasuk wilayah Anda."),
        ), 404
    return render_template("error.html", status=409, message=refusal(error)), 409


def expired_form(error: CSRFError):
    """A form from an old page (or another site): refused, nothing changed."""
    message = _(
        "Formulir ini sudah kedaluwarsa; tidak ada yang diubah. Muat ulang "
        "halaman lalu kirim lagi."
    )
    return render_template("error.html", status=400, message=message), 400


def http_page(error: HTTPException):
    """Any other HTTP error as a page, not JSON."""
    return render_template(
        "error.html", status=error.code, message=error.description
    ), error.code or 500
