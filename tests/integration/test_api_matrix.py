"""Every role, endpoint and in-scope/out-of-scope pair, from one table."""

from __future__ import annotations

import itertools

import pytest

from tests.apiclient import IN_SCOPE, OUT_OF_SCOPE
from tests.support import (
    DESA,
    KABKOTA,
    add_body,
    deliberate,
    determine,
    family_of_three,
    kk,
)

ROLES = tuple(IN_SCOPE)
EVERYONE = ROLES


def build_world(api) -> dict:
    """Records at every stage, created by the in-scope accounts."""
    ledger = api.ledger
    actors = {role: ledger.authenticate(api.tokens[(role, True)]) for role in ROLES}
    operator = actors["operator"]

    def proposal(serial):
        family_kk, members = family_of_three(serial * 10)
        return ledger.submit_proposal(operator, add_body(family_kk, members)).id

    registered_kk, registered_members = family_of_three(800)
    determined = ledger.submit_proposal(
        operator, add_body(registered_kk, registered_members)
    ).id
    determine(ledger, actors, [determined], "2026-06-01", "2026-06")
    world = {
        name: proposal(n)
        for n, name in enumerate(
            [
                "submitted",
                "for_new_deliberation",
                "in_open",
                "tabled",
                "endorsed",
                "verified",
                "ratified",
            ],
            start=1,
        )
    }
    world["open_deliberation"] = ledger.open_deliberation(
        operator,
        {
            "desa": DESA,
            "held_on": "2026-10-05",
            "minutes_number": "BA/1",
            "chaired_by": "Kades",
            "attendees": 12,
            "decisions": [{"proposal_id": str(world["in_open"]), "outcome": "approve"}],
        },
    ).id
    world["submitted_deliberation"] = deliberate(ledger, actors, [world["tabled"]]).id
    later = [world["endorsed"], world["verified"], world["ratified"]]
    approved = deliberate(ledger, actors, later)
    ledger.decide_deliberation(actors["camat"], approved.id, {"decision": "approve"})
    for pid in later[1:]:
        ledger.record_verval(
            actors["verifier"],
            pid,
            {"eligible": True, "nik_matched": True, "checked_on": "2026-10-20"},
        )
    ledger.ratify(
        actors["ratifier"],
        {
            "kabkota": KABKOTA,
            "decree_number": "SK/1",
            "signed_on": "2026-10-28",
            "proposal_ids": [str(world["ratified"])],
        },
    )
    world["user"] = actors["auditor"].id
    world["kk"], world["nik"] = registered_kk, registered_members[0]["nik"]
    return world


VERVAL = {"eligible": True, "nik_matched": True, "checked_on": "2026-10-21"}

# (name, method, path, body, roles allowed to write (None: a read for everyone))
ENDPOINTS = [
    (
        "submit proposal",
        "POST",
        "/api/v1/proposals",
        lambda w: add_body(kk("2018-05-05", 99), family_of_three(900)[1]),
        ["operator"],
    ),
    ("list proposals", "GET", "/api/v1/proposals?region=" + DESA, None, None),
    ("read proposal", "GET", "/api/v1/proposals/{submitted}", None, None),
    (
        "withdraw",
        "POST",
        "/api/v1/proposals/{submitted}/withdraw",
        lambda w: {"reason": "Pindah domisili"},
        ["operator"],
    ),
    (
        "verval",
        "POST",
        "/api/v1/proposals/{endorsed}/verval",
        lambda w: VERVAL,
        ["verifier"],
    ),
    (
        "return for correction",
        "POST",
        "/api/v1/proposals/{ratified}/return",
        lambda w: {"reason": "NIK kepala keluarga salah"},
        ["ministry"],
    ),
    (
        "open deliberation",
        "POST",
        "/api/v1/deliberations",
        lambda w: {
            "desa": DESA,
            "held_on": "2026-10-06",
            "minutes_number": "BA/2",
            "chaired_by": "Kades",
            "attendees": 20,
            "decisions": [
                {"proposal_id": str(w["for_new_deliberation"]), "outcome": "approve"}
            ],
        },
        ["operator"],
    ),
    (
        "revise decisions",
        "PUT",
        "/api/v1/deliberations/{open_deliberation}/decisions",
        lambda w: {
            "decisions": [{"proposal_id": str(w["in_open"]), "outcome": "reject"}]
        },
        ["operator"],
    ),
    (
        "submit deliberation",
        "POST",
        "/api/v1/deliberations/{open_deliberation}/submit",
        lambda w: {},
        ["operator"],
    ),
    (
        "camat approval",
        "POST",
        "/api/v1/deliberations/{submitted_deliberation}/approval",
        lambda w: {"decision": "approve"},
        ["camat"],
    ),
    ("list deliberations", "GET", "/api/v1/deliberations?region=" + DESA, None, None),
    (
        "read deliberation",
        "GET",
        "/api/v1/deliberations/{open_deliberation}",
        None,
        None,
    ),
    (
        "ratify",
        "POST",
        "/api/v1/ratifications",
        lambda w: {
            "kabkota": KABKOTA,
            "decree_number": "SK/2",
            "signed_on": "2026-10-29",
            "proposal_ids": [str(w["verified"])],
        },
        ["ratifier"],
    ),
    (
        "determine",
        "POST",
        "/api/v1/determinations",
        lambda w: {
            "period": "2026-11",
            "decree_number": "KEP/1",
            "effective_on": "2026-11-01",
        },
        ["ministry"],
    ),
    ("who am I", "GET", "/api/v1/users/me", None, None),
    (
        "registry families",
        "GET",
        "/api/v1/registry/families?region=" + DESA,
        None,
        None,
    ),
    ("registry family", "GET", "/api/v1/registry/families/{kk}", None, None),
    ("registry person", "GET", "/api/v1/registry/people/{nik}", None, None),
    ("person history", "GET", "/api/v1/registry/people/{nik}/history", None, None),
    ("registry stats", "GET", "/api/v1/registry/stats?region=" + DESA, None, None),
    ("oversight series", "GET", "/api/v1/oversight/series?region=" + DESA, None, None),
    ("activity", "GET", "/api/v1/oversight/activity?region=" + DESA, None, None),
    ("audit events", "GET", "/api/v1/audit/events", None, ["auditor", "admin"]),
    (
        "create account",
        "POST",
        "/api/v1/users",
        lambda w: {"name": "Rina", "role": "auditor", "region": "33.20"},
        ["admin"],
    ),
    ("revoke tokens", "DELETE", "/api/v1/users/{user}/tokens", None, ["admin"]),
]
SCOPED_PAIRS = [(role, True) for role in ROLES] + [(r, False) for r in OUT_OF_SCOPE]
# Not about one region: the answer is 200 wherever the account's scope lies
# (a regional auditor's audit stream shows only its own region's events).
UNSCOPED = {"who am I", "audit events"}
# One record named in the path: out of scope, it is answered as one that does
# not exist (SPEC §10), so the answer does not tell that it exists.
RECORDS = {
    "read proposal",
    "withdraw",
    "verval",
    "return for correction",
    "revise decisions",
    "submit deliberation",
    "camat approval",
    "read deliberation",
    "registry family",
    "registry person",
    "person history",
}


def expected(name, method, roles, role, in_scope) -> int:
    if roles is not None and role not in roles:
        return 403
    if not in_scope and name in RECORDS:
        return 404
    if not in_scope and name not in UNSCOPED:
        return 403
    if method == "GET":
        return 200
    if method == "DELETE":
        return 204
    created = {
        "submit proposal",
        "open deliberation",
        "ratify",
        "determine",
        "create account",
    }
    return 201 if name in created else 200


CASES = [
    pytest.param(
        endpoint,
        role,
        in_scope,
        id=f"{endpoint[0]}-{role}-{'in' if in_scope else 'out'}",
    )
    for endpoint, (role, in_scope) in itertools.product(ENDPOINTS, SCOPED_PAIRS)
]


@pytest.mark.parametrize(("endpoint", "role", "in_scope"), CASES)
def test_role_and_scope_decide_the_answer(api, endpoint, role, in_scope):
    name, method, path, body, roles = endpoint
    world = build_world(api)
    url = path.format(**{k: str(v) for k, v in world.items()})
    kwargs = {"json": body(world)} if body else {}
    response = api.call(method, url, role, in_scope, **kwargs)
    assert response.status_code == expected(name, method, roles, role, in_scope), (
        response.get_json()
    )
