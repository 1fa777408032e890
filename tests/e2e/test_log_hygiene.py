"""The server's logs never hold a NIK, a No. KK, a name or a token."""

from __future__ import annotations

import re

import pytest

from tests.apiclient import issue_tokens
from tests.e2e.server import gunicorn
from tests.e2e.test_over_http import ok, walk_to_determined
from tests.support import family_of_three
from workflow.app import open_ledger


@pytest.fixture
def logged_server(sqlite_url, tmp_path):
    """gunicorn on a SQLite file; yields the client and the path of its log."""
    ledger = open_ledger(sqlite_url)
    tokens = issue_tokens(ledger)
    users = {key: ledger.authenticate(token) for key, token in tokens.items()}
    ledger.close()
    log = tmp_path / "gunicorn.log"
    with gunicorn(sqlite_url, tokens, log) as server:
        server.users = users
        yield server, log


def test_a_narrative_leaves_no_nik_kk_name_or_token_in_the_logs(logged_server):
    server, log = logged_server
    kk, members = family_of_three()
    pid, _ = walk_to_determined(server, kk, members)
    nik = members[0]["nik"]
    # 1. The auditor looks the family and its people up, and searches.
    for path in (
        f"/api/v1/registry/families/{kk}",
        f"/api/v1/registry/people/{nik}",
        f"/api/v1/registry/people/{nik}/history",
        "/api/v1/registry/families?region=33.20.01.2001",
    ):
        ok(server.call("GET", path, role="auditor"))
    # 2. Someone probes with a bad NIK and a query string holding one.
    server.call("GET", f"/api/v1/registry/people/{nik[:-1]}9", role="operator")
    server.call("GET", f"/api/v1/registry/families?cursor={kk}", role="auditor")
    server.call("GET", "/api/v1/users/me", role=None, headers={"X-Nik": nik})

    logged = log.read_text()
    secrets = [kk, *(m["nik"] for m in members), *(m["name"] for m in members)]
    secrets += list(server.tokens.values())
    secrets += [user.name for user in server.users.values()]
    assert [s for s in secrets if s in logged] == []
    assert not re.search(r"\d{16}", logged)

    # 3. Each request is there, by route template and user id.
    lines = logged.splitlines()
    auditor = server.users[("auditor", True)].id
    verifier = server.users[("verifier", True)].id
    assert any(
        '"/api/v1/registry/people/<nik>" 200' in line and f"user={auditor}" in line
        for line in lines
    )
    assert any(
        '"/api/v1/proposals/<proposal_id>/verval" 200' in line
        and f"user={verifier}" in line
        for line in lines
    )
    assert pid not in logged  # not personal, but a path: none is logged
