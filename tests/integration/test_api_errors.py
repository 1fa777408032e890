"""Every error is problem+json with a plain message, and a refused request writes
nothing."""

from __future__ import annotations

import pytest

from tests.support import add_body, family_of_three

KK, MEMBERS = family_of_three()
PROPOSALS = "/api/v1/proposals"


@pytest.fixture
def position(api):
    """The log position now; a refused request must leave it where it is."""
    return lambda: api.ledger.recorder.max_notification_id()


def problem_of(response, status):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.content_type == "application/problem+json"
    body = response.get_json()
    assert body["status"] == status and body["title"] and body["detail"]
    return body


def submit(api, **kwargs):
    return api.call("POST", PROPOSALS, json=add_body(KK, MEMBERS), **kwargs)


def test_malformed_json_is_400_and_writes_nothing(api, position):
    before = position()
    response = api.call(
        "POST", PROPOSALS, data='{"kind": "add",', content_type="application/json"
    )
    assert "not valid JSON" in problem_of(response, 400)["detail"]
    assert position() == before


def test_missing_unknown_and_revoked_tokens_are_401(api):
    assert problem_of(api.call("GET", PROPOSALS, role=None), 401)
    bad = {"Authorization": "Bearer not-a-real-token-at-all-0000000000"}
    problem_of(api.call("GET", PROPOSALS, role=None, headers=bad), 401)
    auditor = api.ledger.authenticate(api.tokens[("auditor", True)])
    api.call("DELETE", f"/api/v1/users/{auditor.id}/tokens", role="admin")
    response = api.call("GET", PROPOSALS, role="auditor")
    assert "revoked" in problem_of(response, 401)["detail"]


def test_wrong_role_is_403_even_when_the_body_is_invalid(api, position):
    before = position()
    response = api.call("POST", PROPOSALS, role="camat", json={"kind": "x"})
    assert "needs the role operator" in problem_of(response, 403)["detail"]
    assert position() == before


def test_out_of_scope_desa_is_403_even_when_the_rest_is_invalid(api):
    body = {"kind": "add", "desa": "33.20.01.2002", "family": {"kk": "bad"}}
    response = api.call("POST", PROPOSALS, json=body)
    assert "outside your scope" in problem_of(response, 403)["detail"]


def test_unknown_record_and_route_are_404(api):
    problem_of(
        api.call("GET", f"{PROPOSALS}/2b1c9c6e-0000-4000-8000-000000000000"), 404
    )
    problem_of(api.call("GET", f"{PROPOSALS}/not-a-uuid"), 404)
    problem_of(api.call("GET", "/api/v1/nothing-here"), 404)


def test_wrong_method_is_405(api):
    response = api.call("DELETE", PROPOSALS)
    problem_of(response, 405)
    assert "GET" in response.headers["Allow"]


def test_conflict_is_409_naming_the_conflicting_proposal(api, position):
    first = submit(api).get_json()
    before = position()
    other = add_body("3320011203150002", MEMBERS[:1])
    response = api.call("POST", PROPOSALS, json=other)
    assert first["id"] in problem_of(response, 409)["detail"]
    assert position() == before


def test_stale_if_match_is_412_and_changes_nothing(api, position):
    created = submit(api)
    assert created.headers["ETag"] == '"1"'
    pid = created.get_json()["id"]
    before = position()
    response = api.call(
        "POST",
        f"{PROPOSALS}/{pid}/withdraw",
        json={"reason": "Salah input"},
        headers={"If-Match": '"7"'},
    )
    assert "version 1, not 7" in problem_of(response, 412)["detail"]
    assert position() == before
    ok = api.call(
        "POST",
        f"{PROPOSALS}/{pid}/withdraw",
        json={"reason": "Salah input"},
        headers={"If-Match": '"1"'},
    )
    assert ok.status_code == 200 and ok.headers["ETag"] == '"2"'


def test_body_over_the_limit_is_413(api, position):
    before = position()
    huge = '{"note": "' + "x" * (2 * 1024 * 1024) + '"}'
    response = api.call("POST", PROPOSALS, data=huge, content_type="application/json")
    problem_of(response, 413)
    assert position() == before


def test_body_that_is_not_json_is_415(api):
    response = api.call("POST", PROPOSALS, data="kind=add", content_type="text/plain")
    assert "Content-Type: application/json" in problem_of(response, 415)["detail"]


def test_invalid_fields_are_422_by_field_path(api, position):
    before = position()
    body = add_body(KK, [dict(MEMBERS[0], sex="F"), dict(MEMBERS[1], nik="123")])
    response = api.call("POST", PROPOSALS, json=body)
    errors = problem_of(response, 422)["errors"]
    assert errors["members.0.sex"] == [
        "sex F contradicts NIK 3320010702840001 (day 07 means male)"
    ]
    assert errors["members.1.nik"] == ["NIK must be exactly 16 digits, got '123'"]
    assert position() == before


def test_invalid_query_parameter_is_422_naming_the_code(api):
    response = api.call("GET", f"{PROPOSALS}?region=99.99")
    assert "99.99" in problem_of(response, 422)["errors"]["region"][0]


def test_a_query_parameter_the_registry_does_not_take_is_422_naming_it(api):
    # `desa=` instead of `region=` must not quietly list every family.
    families = api.call("GET", "/api/v1/registry/families?desa=33.20.01.2001")
    assert problem_of(families, 422)["errors"] == {
        "desa": [
            "desa is not a query parameter here; "
            "this request takes region, as_of, limit, cursor"
        ]
    }
    nik = MEMBERS[0]["nik"]
    history = api.call("GET", f"/api/v1/registry/people/{nik}/history?x=1")
    assert problem_of(history, 422)["errors"]["x"] == [
        "x is not a query parameter here; none are taken"
    ]


def test_repeated_idempotency_key_returns_the_first_response(api, position):
    key = {"Idempotency-Key": "usulan-2026-11-0001"}
    first = submit(api, headers=key)
    after_first = position()
    again = submit(api, headers=key)
    assert again.status_code == 201
    assert again.get_json() == first.get_json()
    assert again.headers["ETag"] == first.headers["ETag"]
    assert position() == after_first


def test_idempotency_key_reused_with_another_body_is_422(api, position):
    key = {"Idempotency-Key": "usulan-2026-11-0002"}
    submit(api, headers=key)
    before = position()
    other = add_body("3320011203150002", family_of_three(40)[1])
    response = api.call("POST", PROPOSALS, json=other, headers=key)
    assert "Idempotency-Key" in problem_of(response, 422)["errors"]
    assert position() == before


def test_every_error_status_is_documented_in_openapi(api):
    spec = api.call("GET", "/api/openapi.json", role=None).get_json()
    assert spec["openapi"].startswith("3.1")
    post = spec["paths"]["/api/v1/proposals"]["post"]
    assert {"400", "401", "403", "409", "412", "413", "415", "422"} <= set(
        post["responses"]
    )
    assert post["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ProposalIn"
    }
