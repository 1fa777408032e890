"""Per-token limits on writes and searches: 429 with Retry-After, nothing written."""

from __future__ import annotations

import pytest

from api import create_app
from tests import dci_support as dci
from tests.apiclient import Client, issue_tokens
from tests.support import add_body, family_of_three

LIMITS = "write=2/60,search=3/60"


@pytest.fixture
def api(store_url):
    """The API with low limits: two writes and three searches a minute per token."""
    app = create_app({"DATABASE_URL": store_url, "RATE_LIMITS": LIMITS})
    ledger = app.extensions["dtks_ledger"]()
    client = Client(app.test_client(), issue_tokens(ledger))
    client.ledger, client.app = ledger, app
    yield client
    ledger.close()


def submit(api, n: int, role="operator", language="en"):
    kk, members = family_of_three(n)
    headers = {"Accept-Language": language}
    return api.call(
        "POST", "/api/v1/proposals", role, json=add_body(kk, members), headers=headers
    )


def test_a_write_over_the_limit_is_429_with_retry_after_and_writes_nothing(api):
    assert [submit(api, n).status_code for n in (1, 2)] == [201, 201]
    head = api.ledger.recorder.max_notification_id()
    refused = submit(api, 3, language="id")
    assert refused.status_code == 429
    assert refused.mimetype == "application/problem+json"
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    problem = refused.get_json()
    assert problem["code"] == "rate.limited"
    assert "terlalu banyak perubahan" in problem["detail"]
    assert api.ledger.recorder.max_notification_id() == head


def test_one_tokens_limit_leaves_other_tokens_and_plain_reads_alone(api):
    for n in (1, 2, 3):
        submit(api, n)
    assert submit(api, 4, role="admin").status_code != 429
    for _ in range(5):
        assert api.call("GET", "/api/v1/proposals").status_code == 200


def test_registry_searches_over_the_limit_are_429(api):
    path = "/api/v1/registry/families?region=33.20.01.2001"
    answers = [api.call("GET", path, "verifier").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    other = api.call("GET", "/api/v1/registry/people/3320010101900001", "verifier")
    assert other.status_code == 429
    assert api.call("GET", "/api/v1/registry/stats", "verifier").status_code == 200


def test_a_dci_search_over_the_limit_answers_the_standards_error(api):
    partner = dci.Partner(api.app.test_client(), dci.add_partner(api.ledger, "33.20"))
    for _ in range(3):
        assert (
            partner.sync_search(dci.by_id("NIK", "3320010101900001")).status_code == 200
        )
    refused = partner.sync_search(dci.by_id("NIK", "3320010101900001"))
    assert refused.status_code == 429
    assert refused.headers["Retry-After"]
    header = refused.get_json()["header"]
    assert header["status"] == "rjct"
    assert header["status_reason_message"].startswith("err.request.too_many_requests")
