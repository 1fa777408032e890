"""An operator of Penajam Paser Utara (64.09) probes a NIK and a No. KK of
Jepara (33.20) through every endpoint that takes one, and learns nothing: each
answer is byte for byte the answer about a number nobody ever registered."""

from __future__ import annotations

import pytest

from tests import dci_support as dci
from tests.prober import (
    FAR_DESA,
    GHOST_KK,
    GHOST_NIK,
    KK,
    MEMBERS,
    NIK,
    OPEN,
    OPEN_KK,
    UNKNOWN_ID,
    alike,
    answer,
    proposal,
    submit,
    world,
)
from tests.support import add_body
from tests.web.conftest import TOKEN, Browser
from workflow.errors import ProposalConflict

__all__ = ["world"]  # the fixture

READS = [
    "/api/v1/registry/people/{nik}",
    "/api/v1/registry/people/{nik}?as_of=2026-07-01",
    "/api/v1/registry/people/{nik}/history",
    "/api/v1/proposals?nik={nik}",
    "/api/v1/audit/access?nik={nik}",
    "/api/v1/audit/events?nik={nik}",
    "/api/v1/registry/families/{kk}",
    "/api/v1/registry/families/{kk}?as_of=2026-07-01",
    "/api/v1/proposals?kk={kk}",
    "/api/v1/audit/access?kk={kk}",
]


def test_registry_and_audit_reads_answer_as_for_a_number_never_registered(world):
    for path in READS:
        real, ghost = (NIK, GHOST_NIK) if "{nik}" in path else (KK, GHOST_KK)
        asked = answer(world, "GET", path.format(nik=real, kk=real))
        told = answer(world, "GET", path.format(nik=ghost, kk=ghost))
        assert alike(asked, told, real, ghost), (path, asked, told)
        assert asked[0] in (403, 404, 422), (path, asked)


def test_another_regions_proposal_and_deliberation_seem_not_to_exist(world):
    for path, method, sent in (
        ("/api/v1/proposals/{}", "GET", None),
        ("/api/v1/proposals/{}/withdraw", "POST", {"reason": "Pindah domisili"}),
        ("/api/v1/deliberations/{}", "GET", None),
        ("/api/v1/deliberations/{}/decisions", "PUT", {"decisions": []}),
        ("/api/v1/deliberations/{}/submit", "POST", {}),
    ):
        real = world.ids["deliberation" if "deliberations" in path else "proposal"]
        asked = answer(world, method, path.format(real), json=sent)
        told = answer(world, method, path.format(UNKNOWN_ID), json=sent)
        assert alike(asked, told, real, UNKNOWN_ID), (path, asked, told)
        assert asked[0] == 404


def test_tabling_another_desas_proposal_is_answered_as_for_an_unknown_one(world):
    minutes = {
        "desa": FAR_DESA,
        "held_on": "2026-10-06",
        "minutes_number": "BA/9",
        "chaired_by": "Kades",
        "attendees": 20,
    }
    said = {}
    for pid in (world.ids["proposal"], UNKNOWN_ID):
        decisions = [{"proposal_id": pid, "outcome": "approve"}]
        sent = {**minutes, "decisions": decisions}
        said[pid] = answer(world, "POST", "/api/v1/deliberations", json=sent)
    asked, told = said.values()
    assert alike(asked, told, world.ids["proposal"], UNKNOWN_ID), (asked, told)
    assert asked[0] == 422 and b"33.20" not in asked[2]


def test_changing_another_regions_family_is_answered_as_for_an_unknown_one(world):
    for kind in ("remove", "update"):
        asked = submit(world, proposal(kind, KK, NIK))
        told = submit(world, proposal(kind, GHOST_KK, NIK))
        assert alike(asked, told, KK, GHOST_KK), (kind, asked, told)
        assert asked[0] == 409


def test_a_number_taken_elsewhere_is_refused_saying_only_whom_to_ask(world):
    open_nik = OPEN[0]["nik"]
    for language in ("en", "id"):
        registered = submit(world, proposal("add", GHOST_KK, NIK), language)
        pending = submit(world, proposal("add", GHOST_KK, open_nik), language)
        assert alike(registered, pending, NIK, open_nik), (registered, pending)
        family = submit(world, proposal("add", KK, GHOST_NIK), language)
        proposed = submit(world, proposal("add", OPEN_KK, GHOST_NIK), language)
        assert alike(family, proposed, KK, OPEN_KK), (family, proposed)
        for (status, _type, said), echoed in ((registered, NIK), (family, KK)):
            assert status == 409
            rest = said.replace(echoed.encode(), b"")
            for secret in (NIK, KK, "33.20.01.2001", world.ids["proposal"]):
                assert secret.encode() not in rest
    assert b"Dinas Sosial kabupaten/kota Anda" in registered[2]


def test_inside_the_scope_the_refusal_keeps_its_helpful_detail(world):
    jepara = world.jepara["operator"]
    with pytest.raises(ProposalConflict) as registered:
        world.ledger.submit_proposal(jepara, add_body(GHOST_KK, [MEMBERS[0]]))
    assert str(registered.value) == f"NIK {NIK} is already registered in family {KK}"
    with pytest.raises(ProposalConflict) as pending:
        world.ledger.submit_proposal(jepara, add_body(GHOST_KK, [OPEN[0]]))
    assert world.ids["proposal"] in str(pending.value)


def test_a_partner_of_64_09_finds_jepara_numbers_as_it_finds_unknown_ones(world):
    partner = dci.Partner(world.test_client(), world.tokens["partner"])
    for kind, real, ghost in (("NIK", NIK, GHOST_NIK), ("KK", KK, GHOST_KK)):
        found = [
            partner.sync_search(dci.by_id(kind, number)).get_json()["message"]
            for number in (real, ghost)
        ]
        items = [message["search_response"][0] for message in found]
        assert [item.get("data") for item in items] == [items[1].get("data")] * 2
        assert {item["status"] for item in items} == {"succ"}


def test_the_web_pages_answer_as_for_a_number_never_registered(world):
    browser = Browser(world.test_client())
    browser.sign_in("operator")
    for path, real, ghost in (
        ("/registri?q={}", NIK, GHOST_NIK),
        ("/registri?q={}", KK, GHOST_KK),
        ("/usulan/{}", world.ids["proposal"], UNKNOWN_ID),
        ("/musyawarah/{}", world.ids["deliberation"], UNKNOWN_ID),
    ):
        asked, told = (browser.get(path.format(n)) for n in (real, ghost))
        assert asked.status_code == told.status_code
        assert page_text(asked).replace(real, ghost) == page_text(told), path


def page_text(response) -> str:
    """The page without its per-request tokens."""
    return TOKEN.sub("", response.get_data(as_text=True))
