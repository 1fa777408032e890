"""Every read of a person's or family's record is recorded, for auditors."""

from __future__ import annotations

import datetime as dt
import json
import time

import pytest
from click.testing import CliRunner

from api import create_app
from dtks.cli import main
from events.access import Access, AccessLog
from tests.apiclient import Client, issue_tokens
from tests.support import add_body, determine, family_of_three, make_actors
from tests.web.accounts import NAMES, add_web_accounts
from tests.web.conftest import Browser
from workflow.actors import command_line_actor
from workflow.storage import store_env

KK, MEMBERS = family_of_three()
NIK = MEMBERS[0]["nik"]


@pytest.fixture
def registry(store_url):
    """The API on a store where the Suparno family is registered."""
    app = create_app({"DATABASE_URL": store_url})
    ledger = app.extensions["dtks_ledger"]()
    actors = make_actors(ledger)
    proposal = ledger.submit_proposal(actors["operator"], add_body(KK, MEMBERS))
    determine(ledger, actors, [proposal.id], "2026-11-01", "2026-11")
    client = Client(app.test_client(), issue_tokens(ledger))
    client.users = {
        key: ledger.authenticate(token) for key, token in client.tokens.items()
    }
    client.store_url = store_url
    client.ledger = ledger
    yield client
    ledger.close()


def accesses(client, query: str, role="auditor", in_scope=True):
    response = client.call("GET", f"/api/v1/audit/access?{query}", role, in_scope)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["items"]


def test_reads_of_a_person_and_a_family_are_recorded_with_who_when_and_route(
    registry,
):
    operator = registry.users[("operator", True)].id
    # 1. The operator of the desa opens the person, the family and a history,
    #    and an operator of the next desa tries the same person.
    for path in (
        f"/api/v1/registry/people/{NIK}",
        f"/api/v1/registry/families/{KK}",
        f"/api/v1/registry/people/{NIK}/history",
        "/api/v1/registry/families",
    ):
        assert registry.call("GET", path).status_code == 200
    assert registry.call("GET", f"/api/v1/registry/people/{NIK}", in_scope=False)

    # 2. The auditor asks who looked at the NIK.
    seen = accesses(registry, f"nik={NIK}")
    assert [(a["route"], a["status"], a["user_id"]) for a in seen][:2] == [
        ("/api/v1/registry/people/<nik>", 200, operator),
        ("/api/v1/registry/people/<nik>/history", 200, operator),
    ]
    assert len(seen) == 3 and seen[2]["status"] in (403, 404)
    assert seen[0]["kk"] == KK and seen[0]["region"] == "33.20.01.2001"
    assert seen[0]["at"].startswith(dt.datetime.now(dt.UTC).date().isoformat())

    # 3. ... and what the operator looked at, searches included; by date.
    by_operator = accesses(registry, f"user={operator}")
    assert [a["route"] for a in by_operator] == [
        "/api/v1/registry/people/<nik>",
        "/api/v1/registry/families/<kk>",
        "/api/v1/registry/people/<nik>/history",
        "/api/v1/registry/families",
    ]
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    assert accesses(registry, f"user={operator}&to={yesterday}") == []
    assert len(accesses(registry, f"user={operator}&from={yesterday}")) == 4

    # 4. An auditor of another region sees none of it; an operator may not ask.
    assert accesses(registry, f"nik={NIK}", in_scope=False) == []
    refused = registry.call("GET", "/api/v1/audit/access", role="operator")
    assert refused.status_code == 403


def test_the_access_log_refuses_bad_filters_with_422(registry):
    for query, field in (("from=kemarin", "from"), ("after=²", "after"), ("q=1", "q")):
        response = registry.call("GET", f"/api/v1/audit/access?{query}", role="auditor")
        assert response.status_code == 422
        assert field in response.get_json()["errors"]


def test_the_access_log_is_append_only(registry):
    registry.call("GET", f"/api/v1/registry/people/{NIK}")
    assert accesses(registry, f"nik={NIK}")  # written
    store = AccessLog(store_env(registry.store_url)).store
    for statement in (
        "UPDATE dtks_access SET user_id = 'x'",
        "DELETE FROM dtks_access",
    ):
        with pytest.raises(Exception, match="append-only"), store.transaction() as cur:
            cur.execute(statement)
    assert len(accesses(registry, f"nik={NIK}")) == 1  # still there, unchanged


def test_dtks_audit_access_lists_the_reads_of_a_nik(registry):
    registry.call("GET", f"/api/v1/registry/people/{NIK}")
    accesses(registry, "")  # flushes this process's queue
    result = CliRunner().invoke(
        main,
        ["audit", "access", "--nik", NIK, "--json"],
        env={"DTKS_DATABASE_URL": registry.store_url},
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["nik"], r["route"]) for r in rows] == [
        (NIK, "/api/v1/registry/people/<nik>")
    ]


def test_reads_are_queued_and_written_in_batches(sqlite_url):
    log = AccessLog(store_env(sqlite_url), batch=3, seconds=60)
    entry = Access("2026-12-01T10:00:00.000+00:00", "u1", "/r/<nik>", 200, "1")
    log.record(entry)
    log.record(entry)
    assert log.page(None, 0, 10)[0] == []  # queued, not yet written
    log.record(entry)  # the third fills a batch: written now, not in 60 s
    deadline = time.monotonic() + 5
    while not log.page(None, 0, 10)[0] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(log.page(None, 0, 10)[0]) == 3


def test_web_reads_of_a_person_are_listed_with_the_web_route(registry):
    # 1. A web auditor of Jepara opens the person's page and the family's page
    #    in the explorer, and the desa's operator searches the NIK on /registri.
    add_web_accounts(registry.ledger)
    auditor = Browser(registry.http.application.test_client())
    auditor.sign_in("auditor.jepara")
    assert auditor.get(f"/jelajah/orang/{NIK}").status_code == 200
    assert auditor.get(f"/jelajah/keluarga/{KK}").status_code == 200
    operator = Browser(registry.http.application.test_client())
    operator.sign_in("operator")
    assert operator.get(f"/registri?q={NIK}").status_code == 200

    # 2. The access log names each page's route and who read it, as for the API.
    seen = accesses(registry, f"nik={NIK}")
    auditors, _ = registry.ledger.list_users(command_line_actor(), {"role": "auditor"})
    named = NAMES["auditor.jepara"]
    web_auditor = next(u["id"] for u in auditors if u["name"] == named)
    assert [(a["route"], a["status"], a["region"]) for a in seen] == [
        ("/jelajah/orang/<nik>", 200, "33.20.01.2001"),
        ("/jelajah/orang/<nik>", 200, "33.20.01.2001"),  # the history below it
        ("/jelajah/keluarga/<kk>", 200, "33.20.01.2001"),  # each member's history
        ("/registri", 200, "33.20.01.2001"),
    ]
    assert seen[0]["user_id"] == web_auditor
    assert [a["route"] for a in accesses(registry, f"kk={KK}")] == [
        "/jelajah/orang/<nik>",
        "/jelajah/keluarga/<kk>",
        "/registri",
        "/registri",
    ]
