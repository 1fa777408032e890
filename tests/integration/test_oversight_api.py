"""Oversight over HTTP: answers in scope, refusals and field errors."""

from __future__ import annotations

from tests.support import DESA, KECAMATAN, add_body, determine, family_of_three

ACTIVITY = "/api/v1/oversight/activity"
SERIES = "/api/v1/oversight/series"


def _determined_family(api) -> None:
    """One family of three added to Kedungmalang, effective 1 March 2026."""
    ledger = api.ledger
    actors = {
        role: ledger.authenticate(api.tokens[(role, True)])
        for role in ("operator", "camat", "verifier", "ratifier", "ministry")
    }
    kk, members = family_of_three()
    pid = ledger.submit_proposal(actors["operator"], add_body(kk, members)).id
    determine(ledger, actors, [pid], "2026-03-01", "2026-03")


def test_the_camat_sees_the_series_and_the_desa_without_a_musdes(api):
    _determined_family(api)
    query = f"?region={KECAMATAN}&from=2026-02&to=2026-03"
    series = api.call("GET", SERIES + query, role="camat").get_json()
    assert [(i["month"], i["people"]) for i in series["items"]] == [
        ("2026-02", 0),
        ("2026-03", 3),
    ]
    answer = api.call("GET", ACTIVITY + query, role="camat")
    assert answer.status_code == 200
    body = answer.get_json()
    assert body["items"][0]["region"] == DESA and body["items"][0]["rank"] == 1
    # The Musdes of the walk was held in October: none in February or March.
    assert all(DESA in month["desa"] for month in body["without_musdes"])


def test_oversight_out_of_scope_is_403_and_bad_months_are_422(api):
    response = api.call(
        "GET", f"{ACTIVITY}?region={KECAMATAN}", role="camat", in_scope=False
    )
    assert response.status_code == 403
    response = api.call("GET", f"{SERIES}?from=2026-1&to=2026-00", role="ministry")
    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    assert set(response.get_json()["errors"]) == {"from", "to"}


def test_a_bad_month_is_worded_in_indonesian(api):
    response = api.call(
        "GET",
        f"{SERIES}?from=2026-03&to=2026-02",
        role="ministry",
        headers={"Accept-Language": "id"},
    )
    assert response.status_code == 422
    assert response.get_json()["errors"] == {
        "from": ["from (2026-03) tidak boleh sesudah to (2026-02)"]
    }
