"""DCI sync search: by identifier, predicate and expression, as of a date, within
the partner's region; every request and answer keeps to the standard."""

from __future__ import annotations

import pytest

from api import create_app
from tests import dci_registry
from tests import dci_support as dci
from tests.support import DESA, add_body, determine, family_of_three, make_actors

KK, MEMBERS = family_of_three()
TODDLER = MEMBERS[2]


@pytest.fixture
def registry(store_url):
    """The Suparno family determined into Kedungmalang on 2026-11-01, a family of
    Penajam Paser Utara, and a partner of Jepara (33.20)."""
    app = create_app({"DATABASE_URL": store_url})
    ledger = app.extensions["dtks_ledger"]()
    actors = make_actors(ledger)
    pid = ledger.submit_proposal(actors["operator"], add_body(KK, MEMBERS)).id
    determine(ledger, actors, [pid], "2026-11-01", "2026-11")
    far = dci_registry.far_family(ledger, actors["ministry"])
    partner = dci.Partner(app.test_client(), dci.add_partner(ledger, "33.20"))
    partner.ledger, partner.far, partner.actors = ledger, far, actors
    yield partner
    ledger.close()


def records(response) -> list[dict]:
    assert response.status_code == 200, response.get_json()
    item = response.get_json()["message"]["search_response"][0]
    assert item["status"] == "succ", item
    return item["data"]["reg_records"]


def niks(found: list[dict]) -> set[str]:
    return {m["member_identifier"][0]["identifier_value"] for m in found}


def test_a_family_is_found_by_kk_as_a_group_with_its_members(registry):
    (group,) = records(registry.sync_search(dci.by_id("KK", KK)))
    assert group["group_identifier"][0]["identifier_value"] == KK
    assert group["group_size"] == 3
    assert niks(group["member_list"]) == {m["nik"] for m in MEMBERS}
    assert group["location"] == DESA


def test_generic_identifier_names_find_the_same_records(registry):
    (group,) = records(registry.sync_search(dci.by_id("HOUSEHOLD_ID", KK)))
    assert group["group_size"] == 3
    for kind in ("NIK", "UIN", "NationalID"):
        found = records(registry.sync_search(dci.by_id(kind, TODDLER["nik"], "Member")))
        assert niks(found) == {TODDLER["nik"]}


def test_an_unknown_identifier_type_or_value_answers_an_empty_result(registry):
    assert records(registry.sync_search(dci.by_id("PASSPORT", "A123"))) == []
    assert records(registry.sync_search(dci.by_id("NIK", "3320010101010001"))) == []


def test_children_under_five_in_the_desa_are_found_by_predicate(registry):
    message = dci.predicate(("age", "lt", 5), ("location", "eq", DESA))
    found = records(registry.sync_search(message))
    assert niks(found) == {TODDLER["nik"]}
    assert found[0]["demographic_info"]["birth_date"] == TODDLER["birth_date"]


def test_an_expression_finds_the_same_children(registry):
    query = {"$and": [{"age": {"$lt": 5}}, {"location": {"$eq": "33.20.01"}}]}
    message = dci.search(
        {
            "query_type": "expression",
            "query": {
                "type": "ns:dtks:QueryType:mongo",
                "value": {"expression": query},
            },
            "response_entity": "Member",
        }
    )
    assert niks(records(registry.sync_search(message))) == {TODDLER["nik"]}


def test_groups_by_size_sorted_and_paged_with_a_total_count(registry):
    message = dci.predicate(
        ("group_size", "ge", 3),
        entity="Member",
        sort=[{"attribute_name": "birth_date", "sort_order": "desc"}],
        pagination={"page_size": 2, "page_number": 1},
    )
    response = registry.sync_search(message)
    found = records(response)
    assert [m["demographic_info"]["birth_date"] for m in found] == [
        "2023-01-30",
        "1988-06-21",
    ]
    page = response.get_json()["message"]["search_response"][0]["pagination"]
    assert page == {"page_size": 2, "page_number": 1, "total_count": 3}


def test_the_total_count_follows_the_registry_between_two_pages(registry):
    def total_of_children(page_number: int) -> int:
        message = dci.predicate(
            ("age", "lt", 5),
            ("location", "eq", "33.20"),
            pagination={"page_size": 1, "page_number": page_number},
        )
        response = registry.sync_search(message)
        records(response)
        answer = response.get_json()["message"]["search_response"][0]
        return answer["pagination"]["total_count"]

    assert total_of_children(1) == total_of_children(1) == 1
    kk2, members2 = family_of_three(60)  # with a toddler of its own
    actors = registry.actors
    pid = registry.ledger.submit_proposal(actors["operator"], add_body(kk2, members2))
    determine(registry.ledger, actors, [pid.id], "2026-12-01", "2026-12", "KEP2")
    assert total_of_children(2) == 2


def test_as_of_a_date_before_the_determination_finds_nobody(registry):
    message = dci.by_id("KK", KK)
    assert records(registry.sync_search(message, meta={"as_of": "2026-10-31"})) == []
    assert len(records(registry.sync_search(message, meta={"as_of": "2026-11-01"})))


def test_a_partner_of_jepara_never_finds_a_person_of_penajam(registry):
    far_kk, far_nik = registry.far
    assert records(registry.sync_search(dci.by_id("KK", far_kk))) == []
    assert records(registry.sync_search(dci.by_id("NIK", far_nik, "Member"))) == []
    everyone = records(registry.sync_search(dci.predicate(("age", "ge", 0))))
    assert far_nik not in niks(everyone) and len(everyone) == 3
    national = dci.Partner(registry.http, dci.add_partner(registry.ledger, "64"))
    assert niks(records(national.sync_search(dci.by_id("NIK", far_nik, "Member"))))
