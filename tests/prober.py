"""A prober for the no-disclosure tests: an operator of a desa of Penajam Paser
Utara (64.09), a national auditor and a partner of 64.09, beside a Jepara
registry with a registered family, an open proposal and a deliberation."""

from __future__ import annotations

import pytest

from api import create_app
from tests import dci_registry
from tests import dci_support as dci
from tests.support import add_body, deliberate, determine, family_of_three, make_actors
from tests.web.accounts import PASSWORD
from workflow.actors import command_line_actor

KK, MEMBERS = family_of_three(1)  # registered in Kedungmalang, Jepara
NIK = MEMBERS[0]["nik"]
OPEN_KK, OPEN = family_of_three(50)  # in an open proposal of Kedungmalang
GHOST_KK, GHOST = family_of_three(90)  # never named anywhere
GHOST_NIK = GHOST[0]["nik"]
FAR_DESA = dci_registry.FAR_DESA  # a desa of Penajam Paser Utara
UNKNOWN_ID = "2b1c9c6e-0000-4000-8000-000000000000"


@pytest.fixture
def world(store_url):
    """Jepara's registry, and a prober: an operator of a desa of 64.09."""
    app = create_app({"DATABASE_URL": store_url, "SECRET_KEY": "test-key"})
    ledger = app.extensions["dtks_ledger"]()
    jepara = make_actors(ledger)
    registered = ledger.submit_proposal(jepara["operator"], add_body(KK, MEMBERS))
    determine(ledger, jepara, [registered.id], "2026-06-01", "2026-06")
    pending = ledger.submit_proposal(jepara["operator"], add_body(OPEN_KK, OPEN))
    app.ids = {"proposal": str(pending.id)}
    app.ids["deliberation"] = str(deliberate(ledger, jepara, [pending.id]).id)
    app.tokens = {
        role: account(ledger, role, region)
        for role, region in (("operator", FAR_DESA), ("auditor", None))
    }
    app.tokens["partner"] = dci.add_partner(ledger, "64.09")
    app.ledger, app.jepara = ledger, jepara
    yield app
    ledger.close()


def account(ledger, role: str, region: str | None) -> str:
    """A new account (with a web password too); its API token."""
    body = {"name": f"{role.title()} PPU", "role": role, "region": region}
    _user, token = ledger.add_user(command_line_actor(), {**body, "username": role})
    ledger.set_password(command_line_actor(), role, PASSWORD)
    return token


def answer(world, method: str, path: str, role="operator", language="en", **kw):
    """Status, content type and body of one API call as `role` of 64.09."""
    headers = {
        "Authorization": f"Bearer {world.tokens[role]}",
        "Accept-Language": language,
    }
    response = world.test_client().open(path, method=method, headers=headers, **kw)
    return response.status_code, response.content_type, response.get_data()


def alike(about_real, about_ghost, real: str, ghost: str) -> bool:
    """True when the answers differ only in the number they echo back."""
    status, kind, body = about_real
    return (status, kind, body.replace(real.encode(), ghost.encode())) == about_ghost


def proposal(kind: str, kk: str, nik: str) -> dict:
    """A proposal of the prober's desa naming `kk` and `nik`."""
    if kind == "add":
        return add_body(kk, [dict(GHOST[0], nik=nik)], desa=FAR_DESA)
    member = {"nik": nik} if kind == "remove" else {"nik": nik, "occupation": "Tani"}
    reason = {"reason": "moved"} if kind == "remove" else {}
    family = {"kk": kk}
    return {"kind": kind, "desa": FAR_DESA, "family": family, "members": [member]} | (
        reason
    )


def submit(world, sent: dict, language="en"):
    """POST /api/v1/proposals as the prober."""
    return answer(world, "POST", "/api/v1/proposals", language=language, json=sent)
