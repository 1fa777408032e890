"""The OpenAPI description tells the whole truth: every query parameter and
header a request takes, every field an answer always holds, every rule a body
must always meet, and problems as application/problem+json."""

from __future__ import annotations

import pytest

from tests.support import DESA, add_body, determine, family_of_three
from workflow.actors import ROLES
from workflow.commands.deliberations import OUTCOMES

QUERIES = {
    "/api/v1/proposals": {"status", "kind", "region", "cursor", "limit"},
    "/api/v1/deliberations": {"status", "region", "cursor", "limit"},
    "/api/v1/registry/families": {"region", "as_of", "cursor", "limit"},
    "/api/v1/registry/families/{kk}": {"as_of"},
    "/api/v1/registry/people/{nik}": {"as_of"},
    "/api/v1/registry/stats": {"region", "as_of"},
    "/api/v1/audit/events": {"after", "limit"},
    "/api/v1/ratifications": {"region", "cursor", "limit"},
    "/api/v1/determinations": {"cursor", "limit"},
    "/api/v1/users": {"role", "cursor", "limit"},
    "/api/v1/oversight/series": {"region", "from", "to"},
    "/api/v1/oversight/activity": {"region", "from", "to"},
}
IF_MATCH = {
    ("post", "/api/v1/proposals/{proposal_id}/withdraw"),
    ("post", "/api/v1/proposals/{proposal_id}/verval"),
    ("post", "/api/v1/proposals/{proposal_id}/return"),
    ("put", "/api/v1/deliberations/{deliberation_id}/decisions"),
    ("post", "/api/v1/deliberations/{deliberation_id}/submit"),
    ("post", "/api/v1/deliberations/{deliberation_id}/approval"),
}


@pytest.fixture
def spec(api):
    return api.call("GET", "/api/openapi.json", role=None).get_json()


def operations(spec):
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            if method in ("get", "post", "put", "delete"):
                yield method, path, operation


def names(operation, where):
    return {p["name"] for p in operation.get("parameters", []) if p["in"] == where}


def test_every_get_declares_the_query_parameters_it_takes(spec):
    for path, expected in QUERIES.items():
        assert names(spec["paths"][path]["get"], "query") == expected, path


def test_writes_declare_if_match_idempotency_key_and_answer_an_etag(spec):
    for method, path, operation in operations(spec):
        headers = names(operation, "header")
        assert ("If-Match" in headers) == ((method, path) in IF_MATCH), path
        assert ("Idempotency-Key" in headers) == (method == "post"), path
        versioned = method in ("post", "put") or path.endswith("_id}")
        if versioned and not path.startswith("/api/v1/users"):
            [success] = [r for s, r in operation["responses"].items() if s < "300"]
            assert "ETag" in success["headers"], path


def test_every_error_is_documented_as_problem_json(spec):
    for _method, path, operation in operations(spec):
        for status, response in operation["responses"].items():
            if status.startswith(("4", "5")) or status == "default":
                assert list(response["content"]) == ["application/problem+json"]
                schema = response["content"]["application/problem+json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Problem"}, path
    problem = spec["components"]["schemas"]["Problem"]
    assert set(problem["required"]) == {"type", "title", "status", "detail"}


def test_writes_and_searches_document_429_with_retry_after(spec):
    searches = {
        "/api/v1/registry/families",
        "/api/v1/registry/families/{kk}",
        "/api/v1/registry/people/{nik}",
        "/api/v1/registry/people/{nik}/history",
    }
    for method, path, operation in operations(spec):
        limited = method != "get" or path in searches
        assert ("429" in operation["responses"]) == limited, (method, path)
        if limited:
            assert "Retry-After" in operation["responses"]["429"]["headers"], path


def test_token_lifetimes_and_account_status_are_documented(spec):
    schemas = spec["components"]["schemas"]
    user_in = schemas["UserIn"]["properties"]
    assert user_in["expires_in_days"]["minimum"] == 1
    assert user_in["expires"]["format"] == "date"
    assert "token_expires_at" in schemas["NewUser"]["required"]
    assert "disabled" in schemas["ListedUser"]["required"]
    assert schemas["AccountStatusIn"]["properties"]["reason"]["minLength"] == 1
    users = spec["paths"]["/api/v1/users/{user_id}/disable"]["post"]
    assert users["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/AccountStatusIn"
    }
    assert "code" in schemas["Problem"]["properties"]


def test_unconditional_rules_of_bodies_are_in_their_schemas(spec):
    schemas = spec["components"]["schemas"]
    assert schemas["ReasonIn"]["properties"]["reason"]["minLength"] == 1
    deliberation = schemas["DeliberationIn"]["properties"]
    assert deliberation["attendees"]["minimum"] == 1
    assert deliberation["decisions"]["minItems"] == 1
    assert schemas["RatificationIn"]["properties"]["proposal_ids"]["minItems"] == 1
    assert schemas["UserIn"]["properties"]["role"]["enum"] == list(ROLES)
    assert schemas["DecisionIn"]["properties"]["outcome"]["enum"] == list(OUTCOMES)
    assert schemas["MemberIn"]["properties"]["nik"]["pattern"] == "^[0-9]{16}$"


def test_every_declared_query_parameter_is_accepted(api):
    kk, members = family_of_three()
    api.call("POST", "/api/v1/proposals", json=add_body(kk, members))
    for url in [
        "/api/v1/proposals?status=submitted&kind=add&region=33.20.01&cursor=&limit=5",
        f"/api/v1/deliberations?status=open&region={DESA}&limit=200",
        "/api/v1/registry/families?region=33.20&as_of=2026-01-01&cursor=&limit=0",
        f"/api/v1/registry/stats?region={DESA}&as_of=2026-01-01",
    ]:
        assert api.call("GET", url).status_code == 200, url
    for url in [
        "/api/v1/audit/events?after=0&limit=1000",
        "/api/v1/ratifications?region=33.20&cursor=0&limit=1",
        "/api/v1/determinations?cursor=7&limit=200",
        "/api/v1/users?role=camat&cursor=&limit=10",
    ]:
        assert api.call("GET", url, role="admin").status_code == 200, url


def missing(spec, schema, value, where="") -> list[str]:
    """Paths of fields the schema marks required but the answer lacks."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        return missing(spec, spec["components"]["schemas"][name], value, where)
    if value is None:
        return []
    if schema.get("type") == "array" or "items" in schema:
        return [m for v in value for m in missing(spec, schema["items"], v, where)]
    gaps = [f"{where}.{f}" for f in schema.get("required", []) if f not in value]
    for name, sub in schema.get("properties", {}).items():
        if name in value:
            gaps += missing(spec, sub, value[name], f"{where}.{name}")
    return gaps


def registered_family(api) -> tuple[str, str, str]:
    """A family walked through the whole workflow: its proposal, KK and a NIK."""
    actors = {
        role: api.ledger.authenticate(api.tokens[(role, True)])
        for role in ("operator", "camat", "verifier", "ratifier", "ministry")
    }
    kk, members = family_of_three(50)
    pid = api.ledger.submit_proposal(actors["operator"], add_body(kk, members)).id
    determine(api.ledger, actors, [pid], "2026-11-01", "2026-11")
    return str(pid), kk, members[0]["nik"]


def test_answers_hold_every_field_their_schema_requires(api, spec):
    pid, kk, nik = registered_family(api)
    deliberation = api.call("GET", "/api/v1/deliberations").get_json()["items"][0]
    kk_new, members = family_of_three()
    created = api.call("POST", "/api/v1/proposals", json=add_body(kk_new, members))
    answers = {
        ("post", "/api/v1/proposals"): created,
        ("get", "/api/v1/proposals"): "/api/v1/proposals",
        ("get", "/api/v1/proposals/{proposal_id}"): f"/api/v1/proposals/{pid}",
        ("get", "/api/v1/deliberations"): "/api/v1/deliberations",
        ("get", "/api/v1/deliberations/{deliberation_id}"): (
            f"/api/v1/deliberations/{deliberation['id']}"
        ),
        ("get", "/api/v1/registry/families"): "/api/v1/registry/families",
        ("get", "/api/v1/registry/families/{kk}"): f"/api/v1/registry/families/{kk}",
        ("get", "/api/v1/registry/people/{nik}"): f"/api/v1/registry/people/{nik}",
        ("get", "/api/v1/registry/people/{nik}/history"): (
            f"/api/v1/registry/people/{nik}/history"
        ),
        ("get", "/api/v1/registry/stats"): "/api/v1/registry/stats",
        ("get", "/api/v1/users/me"): "/api/v1/users/me",
    }
    for (method, path), answer in answers.items():
        response = api.call("GET", answer) if isinstance(answer, str) else answer
        success = spec["paths"][path][method]["responses"][str(response.status_code)]
        schema = success["content"]["application/json"]["schema"]
        assert missing(spec, schema, response.get_json()) == [], path
    audit = api.call("GET", "/api/v1/audit/events", role="admin")
    schema = spec["paths"]["/api/v1/audit/events"]["get"]["responses"]["200"]
    assert (
        missing(spec, schema["content"]["application/json"]["schema"], audit.get_json())
        == []
    )
