"""A person's history shows each reader only the changes recorded in its scope."""

from __future__ import annotations

from api import create_app
from tests.support import (
    DESA,
    KECAMATAN,
    OTHER_DESA,
    add_body,
    determine,
    family_of_three,
    make_actors,
    removal,
)
from workflow.actors import command_line_actor


def token_of(ledger, role: str, region: str) -> str:
    """A new account's API token."""
    body = {"name": f"{role.title()} {region}", "role": role, "region": region}
    return ledger.add_user(command_line_actor(), body)[1]


def test_a_person_who_moved_desa_shows_each_desa_only_its_own_part(store_url):
    app = create_app({"DATABASE_URL": store_url})
    ledger = app.extensions["dtks_ledger"]()
    # 1. The child is registered in Kedungmalang, and moves out in March.
    actors = make_actors(ledger)
    kk, members = family_of_three()
    child = members[2]["nik"]
    first = ledger.submit_proposal(actors["operator"], add_body(kk, members)).id
    determine(ledger, actors, [first], "2026-01-01", "2026-01")
    left = removal(ledger, actors, kk, [child], reason="moved")
    determine(ledger, actors, [left], "2026-03-01", "2026-03")
    # 2. Kalianyar's operator adds the child to a new family there in May.
    there = {
        **actors,
        "operator": ledger.authenticate(token_of(ledger, "operator", OTHER_DESA)),
    }
    new_kk, _ = family_of_three(serial=61)
    moved = {**members[2], "relationship": "head"}
    came = ledger.submit_proposal(
        there["operator"], add_body(new_kk, [moved], desa=OTHER_DESA)
    ).id
    determine(ledger, there, [came], "2026-05-01", "2026-05")

    # 3. Each operator reads the child's history; the camat sees both desas.
    def history(role: str, region: str) -> list[tuple[str, str, str]]:
        token = token_of(ledger, role, region)
        response = app.test_client().get(
            f"/api/v1/registry/people/{child}/history",
            headers={"Authorization": f"Bearer {token}"},
        )
        assert response.status_code == 200, response.get_json()
        items = response.get_json()["items"]
        return [(i["change"], i["effective_on"], i["desa"]) for i in items]

    assert history("operator", DESA) == [
        ("added", "2026-01-01", DESA),
        ("removed", "2026-03-01", DESA),
    ]
    assert history("operator", OTHER_DESA) == [("added", "2026-05-01", OTHER_DESA)]
    assert history("camat", KECAMATAN) == [
        *history("operator", DESA),
        *history("operator", OTHER_DESA),
    ]
    ledger.close()
