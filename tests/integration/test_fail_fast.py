"""Hostile input and an unreachable store are answered fast, never with a 500."""

from __future__ import annotations

import time

import psycopg
import pytest
from eventsourcing.persistence import OperationalError

from api import create_app
from tests.e2e.server import free_port
from tests.support import KABKOTA
from workflow.actors import command_line_actor


def problem_of(response, status):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.content_type == "application/problem+json"
    return response.get_json()


def test_a_body_nested_100000_levels_deep_is_400_and_writes_nothing(api):
    before = api.ledger.recorder.max_notification_id()
    deep = "[" * 100_000 + "]" * 100_000
    response = api.call(
        "POST", "/api/v1/proposals", data=deep, content_type="application/json"
    )
    assert "nested more than" in problem_of(response, 400)["detail"]
    assert api.ledger.recorder.max_notification_id() == before


def test_a_body_nested_40_levels_deep_is_400_naming_the_limit(api):
    deep = '{"a":' * 40 + "1" + "}" * 40
    response = api.call(
        "POST", "/api/v1/proposals", data=deep, content_type="application/json"
    )
    assert "nested more than 32 levels" in problem_of(response, 400)["detail"]


@pytest.mark.parametrize(
    "query",
    [
        "after=²",
        "limit=²",
        "after=99999999999999999999",
        "after=" + "9" * 5000,
        "limit=-1",
        "limit=1e3",
        "after= 7",
    ],
)
def test_a_number_in_the_query_is_ascii_digits_within_range_or_422(api, query):
    response = api.call("GET", f"/api/v1/audit/events?{query}", role="auditor")
    name = query.split("=")[0]
    assert "whole number" in problem_of(response, 422)["errors"][name][0]


def test_registry_pages_refuse_a_superscript_limit_with_422(api):
    response = api.call("GET", "/api/v1/registry/families?limit=²", role="auditor")
    assert "limit" in problem_of(response, 422)["errors"]


def test_a_ratification_naming_a_proposal_many_times_is_refused_at_each_repeat(api):
    # 12,500 ids, each twice: just under the 1 MiB a body may have
    ids = [f"a0000000-0000-4000-8000-{n:012d}" for n in range(12_500)] * 2
    response = api.call(
        "POST",
        "/api/v1/ratifications",
        role="ratifier",
        json={
            "kabkota": KABKOTA,
            "decree_number": "SK/1",
            "signed_on": "2026-10-28",
            "proposal_ids": ids,
        },
    )
    errors = problem_of(response, 422)["errors"]
    assert "proposal_ids.12499" not in errors
    assert "listed twice" in errors["proposal_ids.12500"][0]
    assert "listed twice" in errors["proposal_ids.24999"][0]


def test_readyz_is_503_when_the_read_models_lag_more_than_the_bound(
    sqlite_url, monkeypatch
):
    monkeypatch.setenv("DTKS_CATCH_UP_ON_READ", "0")  # nothing projects on read
    app = create_app({"DATABASE_URL": sqlite_url})
    ledger = app.extensions["dtks_ledger"]()
    for number in range(3):
        ledger.add_user(command_line_actor(), {"name": f"A {number}", "role": "admin"})
    lag = ledger.recorder.max_notification_id()  # none of it projected yet
    monkeypatch.setenv("DTKS_READY_MAX_LAG", str(lag - 1))
    late = problem_of(app.test_client().get("/readyz"), 503)
    assert late["projection_lag"] == lag and f"lag {lag} events" in late["detail"]
    monkeypatch.setenv("DTKS_READY_MAX_LAG", str(lag))
    ready = app.test_client().get("/readyz")
    assert ready.status_code == 200 and ready.get_json()["projection_lag"] == lag


def test_an_unreachable_store_is_503_with_retry_after_within_5_seconds():
    closed = f"postgresql://postgres@127.0.0.1:{free_port()}/test"
    client = create_app({"DATABASE_URL": closed}).test_client()
    for _ in range(2):  # the failed opening is not remembered: tried again
        started = time.monotonic()
        response = client.get("/api/v1/users/me", headers={"Authorization": "Bearer x"})
        assert time.monotonic() - started < 5
        assert problem_of(response, 503)["title"] == "Service unavailable"
        assert response.headers["Retry-After"] == "5"
    started = time.monotonic()
    assert client.get("/readyz").status_code == 503
    assert time.monotonic() - started < 1


def test_no_statement_of_the_api_outlives_the_request_budget(postgres_url, monkeypatch):
    monkeypatch.setenv("DTKS_REQUEST_BUDGET", "1")
    app = create_app({"DATABASE_URL": postgres_url})
    ledger = app.extensions["dtks_ledger"]()
    read = app.extensions["dtks_read"]()
    started = time.monotonic()
    with pytest.raises(psycopg.errors.QueryCanceled):
        read.store.query("SELECT pg_sleep(3)")
    with (
        pytest.raises(OperationalError, match="statement timeout"),
        ledger.recorder.datastore.get_connection() as conn,
    ):
        conn.execute("SELECT pg_sleep(3)")
    assert time.monotonic() - started < 2.8
    assert read.store.query("SELECT 1") == [(1,)]  # the connection still serves
    ledger.close()
