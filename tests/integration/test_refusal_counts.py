"""Every proposal refused as a conflict is counted per user, for auditors."""

from __future__ import annotations

import json

from click.testing import CliRunner

from dtks.cli import main
from tests.prober import (
    FAR_DESA,
    GHOST_KK,
    GHOST_NIK,
    KK,
    NIK,
    answer,
    proposal,
    submit,
    world,
)
from tests.web.conftest import Browser

__all__ = ["world"]  # the fixture


def test_every_refused_proposal_is_counted_for_auditors(world):
    before = refusals(world)
    for kind, kk, nik in (
        ("add", GHOST_KK, NIK),
        ("add", KK, GHOST_NIK),
        ("remove", KK, NIK),
    ):
        assert submit(world, proposal(kind, kk, nik))[0] == 409
    assert submit(world, {"kind": "add", "desa": FAR_DESA})[0] == 422
    browser = Browser(world.test_client())
    browser.sign_in("operator")
    browser.get("/usulan/baru/remove")
    form = {"family.kk": KK, "members.0.nik": NIK, "reason": "moved"}
    refused = browser.post("/usulan/baru/remove", form)
    assert refused.status_code == 409
    assert "33.20.01.2001" not in refused.get_data(as_text=True)
    assert refusals(world) == before + 4
    status, _type, said = answer(world, "GET", "/api/v1/audit/refusals")
    assert status == 403 and b"needs the role" in said


def refusals(world) -> int:
    """The prober's refused proposals, as the national auditor counts them."""
    status, _type, said = answer(world, "GET", "/api/v1/audit/refusals", "auditor")
    assert status == 200, said
    prober = world.ledger.authenticate(world.tokens["operator"]).id
    counts = {c["user_id"]: c["refused"] for c in json.loads(said)["items"]}
    return counts.get(prober, 0)


def test_dtks_audit_refusals_counts_them_at_a_shell(world, store_url):
    assert submit(world, proposal("add", GHOST_KK, NIK))[0] == 409
    expected = refusals(world)  # the API's count; its view flushes the queue
    result = CliRunner().invoke(
        main, ["audit", "refusals", "--json"], env={"DTKS_DATABASE_URL": store_url}
    )
    assert result.exit_code == 0, result.output
    prober = world.ledger.authenticate(world.tokens["operator"]).id
    counts = {
        row["user_id"]: row["refused"]
        for row in map(json.loads, result.output.splitlines())
    }
    assert counts[prober] == expected >= 1
