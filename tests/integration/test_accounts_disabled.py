"""An admin disables an account and enables it again; each is an event in the log."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from api import create_app
from dtks.cli import main
from workflow.actors import command_line_actor


@pytest.fixture
def app(store_url):
    """The API on a fresh store with an admin, an operator and an auditor."""
    app = create_app({"DATABASE_URL": store_url})
    app.ledger = app.extensions["dtks_ledger"]()
    app.url = store_url
    app.tokens, app.ids = {}, {}
    for role, region in (
        ("admin", None),
        ("operator", "33.20.01.2001"),
        ("auditor", "33.20"),
    ):
        user, token = app.ledger.add_user(
            command_line_actor(),
            {"name": role.title(), "role": role, "region": region, "username": role},
        )
        app.tokens[role], app.ids[role] = token, str(user.id)
    yield app
    app.ledger.close()


def call(app, method, path, role="admin", **kwargs):
    headers = {"Authorization": f"Bearer {app.tokens[role]}", "Accept-Language": "id"}
    return app.test_client().open(path, method=method, headers=headers, **kwargs)


def change(app, action: str, role: str, by: str = "admin", reason="pindah tugas"):
    path = f"/api/v1/users/{app.ids[role]}/{action}"
    return call(app, "POST", path, by, json={"reason": reason})


def test_a_disabled_account_is_refused_until_an_admin_enables_it(app):
    assert call(app, "GET", "/api/v1/users/me", "operator").status_code == 200
    disabled = change(app, "disable", "operator")
    assert disabled.status_code == 200, disabled.get_json()
    assert disabled.get_json()["disabled"] is True
    refused = call(app, "GET", "/api/v1/proposals", "operator")
    assert refused.status_code == 401
    assert refused.get_json()["code"] == "account.disabled"
    assert "minta admin mengaktifkannya kembali" in refused.get_json()["detail"]
    assert change(app, "enable", "operator", reason="kembali").status_code == 200
    assert call(app, "GET", "/api/v1/proposals", "operator").status_code == 200


def test_the_log_names_the_admin_and_the_reason(app):
    change(app, "disable", "operator", reason="cuti panjang")
    events = call(app, "GET", "/api/v1/audit/events?limit=100", "auditor")
    [disabled] = [
        e for e in events.get_json()["items"] if e["type"].endswith("disabled")
    ]
    assert disabled["type"] == "dtks.user.disabled"
    assert disabled["actor"]["id"] == app.ids["admin"]
    assert disabled["data"]["reason"] == "cuti panjang"


def test_the_list_of_accounts_shows_which_are_disabled(app):
    change(app, "disable", "auditor")
    listed = call(app, "GET", "/api/v1/users").get_json()["items"]
    assert {u["name"]: u["disabled"] for u in listed} == {
        "Admin": False,
        "Operator": False,
        "Auditor": True,
    }


def test_an_admin_cannot_disable_themselves(app):
    head = app.ledger.recorder.max_notification_id()
    refused = change(app, "disable", "admin")
    assert refused.status_code == 409
    assert refused.get_json()["code"] == "account.disable_self"
    assert "akun Anda sendiri" in refused.get_json()["detail"]
    assert app.ledger.recorder.max_notification_id() == head


def test_bad_requests_to_disable_change_nothing(app):
    head = app.ledger.recorder.max_notification_id()
    assert change(app, "disable", "operator", reason=" ").status_code == 422
    assert change(app, "disable", "operator", by="operator").status_code == 403
    assert change(app, "enable", "operator").get_json()["code"] == (
        "account.already_enabled"
    )
    unknown = call(app, "POST", "/api/v1/users/nobody/disable", json={"reason": "x"})
    assert unknown.status_code == 404
    assert app.ledger.recorder.max_notification_id() == head


def test_dtks_users_disable_and_enable_by_username(app):
    def dtks(*args):
        env = {"DTKS_DATABASE_URL": app.url}
        return CliRunner().invoke(main, ["users", *args], env=env)

    result = dtks("disable", "operator", "--reason", "laptop hilang")
    assert result.exit_code == 0, result.output
    assert "disabled Operator" in result.output
    assert call(app, "GET", "/api/v1/users/me", "operator").status_code == 401
    assert "DISABLED" in dtks("list").output
    assert dtks("enable", app.ids["operator"], "--reason", "ditemukan").exit_code == 0
    assert call(app, "GET", "/api/v1/users/me", "operator").status_code == 200
    again = dtks("enable", "operator", "--reason", "lagi")
    assert again.exit_code == 1 and "not disabled" in again.output
