"""Tokens expire: 90 days by default, or as the admin says; then they answer 401."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from api import create_app
from dtks.cli import main
from workflow.actors import command_line_actor

DAY = dt.timedelta(days=1)


@pytest.fixture
def app(store_url):
    """The API on a fresh store, with an admin token; its ledger's clock can move."""
    app = create_app({"DATABASE_URL": store_url})
    app.ledger = app.extensions["dtks_ledger"]()
    _user, app.admin = app.ledger.add_user(
        command_line_actor(), {"name": "Admin", "role": "admin"}
    )
    app.url = store_url
    yield app
    app.ledger.close()


def later(app, delta: dt.timedelta) -> None:
    """Move the ledger's clock `delta` past now (nothing sleeps)."""
    start = dt.datetime.now(dt.UTC)
    app.ledger.clock = lambda: start + delta


def me(app, token: str, language: str = "en"):
    headers = {"Authorization": f"Bearer {token}", "Accept-Language": language}
    return app.test_client().get("/api/v1/users/me", headers=headers)


def add_operator(app, **lifetime):
    body = {"name": "Sari", "role": "operator", "region": "33.20.01.2001"}
    headers = {"Authorization": f"Bearer {app.admin}"}
    return app.test_client().post(
        "/api/v1/users", json={**body, **lifetime}, headers=headers
    )


def test_a_token_issued_for_one_day_is_refused_the_day_after(app):
    created = add_operator(app, expires_in_days=1)
    assert created.status_code == 201, created.get_json()
    token = created.get_json()["token"]
    assert me(app, token).status_code == 200  # and now its answer is cached
    later(app, DAY - dt.timedelta(minutes=1))
    assert me(app, token).status_code == 200
    later(app, DAY + dt.timedelta(seconds=1))
    refused = me(app, token, "id")
    assert refused.status_code == 401
    assert refused.mimetype == "application/problem+json"
    assert refused.get_json()["code"] == "token.expired"
    assert "minta token baru kepada admin" in refused.get_json()["detail"]
    challenge = refused.headers["WWW-Authenticate"]  # RFC 6750 §3.1, in ASCII
    assert challenge.startswith('Bearer realm="dtks", error="invalid_token"')
    assert "ask the admin for a new token" in challenge


def test_a_request_without_a_token_gets_the_bare_challenge(app):
    """RFC 6750 §3.1: no error code when the request sent no credentials."""
    answer = app.test_client().get("/api/v1/users/me")
    assert answer.status_code == 401
    assert answer.get_json()["code"] == "token.missing"
    assert answer.headers["WWW-Authenticate"] == 'Bearer realm="dtks"'


def test_a_token_lasts_ninety_days_unless_told_otherwise(app):
    created = add_operator(app).get_json()
    issued = dt.datetime.fromisoformat(created["token_expires_at"])
    assert issued - dt.datetime.now(dt.UTC) > dt.timedelta(days=89, hours=23)
    later(app, dt.timedelta(days=89))
    assert me(app, created["token"]).status_code == 200
    later(app, dt.timedelta(days=90, minutes=1))
    assert me(app, created["token"]).get_json()["code"] == "token.expired"


def test_a_token_issued_until_a_date_stops_at_the_start_of_that_day(app):
    until = (dt.datetime.now(dt.UTC) + 10 * DAY).date()
    created = add_operator(app, expires=until.isoformat()).get_json()
    assert created["token_expires_at"] == f"{until.isoformat()}T00:00:00+00:00"


def test_an_expiry_in_the_past_or_given_twice_is_refused_and_nothing_is_written(
    app,
):
    head = app.ledger.recorder.max_notification_id()
    yesterday = (dt.datetime.now(dt.UTC) - DAY).date().isoformat()
    past = add_operator(app, expires=yesterday)
    assert past.status_code == 422
    assert "expires" in past.get_json()["errors"]
    both = add_operator(app, expires="2030-01-01", expires_in_days=3)
    assert both.status_code == 422
    too_long = add_operator(app, expires_in_days=100_000)
    assert too_long.get_json()["errors"]["expires_in_days"]
    assert app.ledger.recorder.max_notification_id() == head


def test_an_admin_issues_another_token_with_its_own_lifetime(app):
    operator = add_operator(app).get_json()
    headers = {"Authorization": f"Bearer {app.admin}"}
    issued = app.test_client().post(
        f"/api/v1/users/{operator['id']}/tokens",
        json={"expires_in_days": 2},
        headers=headers,
    )
    assert issued.status_code == 201, issued.get_json()
    token = issued.get_json()["token"]
    later(app, DAY)
    assert me(app, token).get_json()["name"] == "Sari"
    later(app, 2 * DAY + dt.timedelta(seconds=1))
    assert me(app, token).status_code == 401


def test_dtks_users_add_expires_gives_a_token_of_that_many_days(app):
    args = ["users", "add", "--name", "Budi", "--role", "ministry", "--json"]
    result = CliRunner().invoke(
        main, [*args, "--expires", "1"], env={"DTKS_DATABASE_URL": app.url}
    )
    assert result.exit_code == 0, result.output
    token = json.loads(result.output)["token"]
    assert me(app, token).status_code == 200
    later(app, DAY + dt.timedelta(seconds=1))
    assert me(app, token).get_json()["code"] == "token.expired"
