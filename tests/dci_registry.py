"""The registry a partner queries in the DCI tests: a partner of Jepara with a
determined family and a callback server, and a family far away in Penajam."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from api import create_app
from tests.dci_callbacks import Receiver
from tests.dci_support import Partner, add_partner
from tests.support import add_body, determine, family_of_three, kk, make_actors, nik
from workflow.actors import command_line_actor

FAR_DESA = "64.09.01.1001"


@contextlib.contextmanager
def jepara_partner(url: str) -> Iterator[Partner]:
    """A partner of Jepara with a callback server (`receiver`) and its read
    store (`store`), after the family of three was determined."""
    app = create_app({"DATABASE_URL": url})
    ledger = app.extensions["dtks_ledger"]()
    actors = make_actors(ledger)
    family, members = family_of_three()
    pid = ledger.submit_proposal(actors["operator"], add_body(family, members)).id
    determine(ledger, actors, [pid], "2026-11-01", "2026-11")
    partner = Partner(app.test_client(), add_partner(ledger, "33.20"))
    partner.receiver = Receiver()
    partner.store = app.extensions["dtks_read"]().store
    try:
        yield partner
    finally:
        partner.receiver.close()
        app.extensions["dtks_access"]().flush()  # before the schema goes
        ledger.close()


def far_family(ledger, ministry) -> tuple[str, str]:
    """A family determined into Penajam Paser Utara (64.09); its KK and a NIK."""
    actors = {}
    for role, region in (
        ("operator", FAR_DESA),
        ("camat", "64.09.01"),
        ("verifier", "64.09"),
        ("ratifier", "64.09"),
    ):
        _user, token = ledger.add_user(
            command_line_actor(),
            {"name": f"{role} PPU", "role": role, "region": region},
        )
        actors[role] = ledger.authenticate(token)
    kk_number = kk("2015-01-01", 77, "640901")
    members = [
        {
            "nik": nik("1990-04-04", "M", 77, "640901"),
            "name": "Andi",
            "birth_date": "1990-04-04",
            "sex": "M",
            "relationship": "head",
        }
    ]
    body = add_body(kk_number, members, desa=FAR_DESA)
    pid = str(ledger.submit_proposal(actors["operator"], body).id)
    actors["ministry"] = ministry
    determine(ledger, actors, [pid], "2026-11-01", "2026-11", decree="KEP/PPU")
    return kk_number, members[0]["nik"]
