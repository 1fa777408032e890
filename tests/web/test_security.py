"""The session cookie, CSRF on every form, and CSV cells a spreadsheet won't run."""

from __future__ import annotations

from tests.web.accounts import PASSWORD, SCOPES
from web.common import csv_cell


def test_the_session_cookie_is_httponly_and_samesite_lax(browse):
    page = browse()
    response = page.sign_in("operator")
    cookie = next(
        c for c in response.headers.getlist("Set-Cookie") if "dtks_session=" in c
    )
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_a_form_without_its_csrf_token_is_refused_and_changes_nothing(browse, site):
    page = browse()
    page.sign_in("operator")
    before = site.ledger.recorder.max_notification_id()
    response = page.client.post("/usulan/baru/add", data={"family.kk": "1" * 16})
    assert response.status_code == 400
    assert "kedaluwarsa" in response.get_data(as_text=True)
    assert site.ledger.recorder.max_notification_id() == before


def test_the_json_api_needs_no_csrf_token(site):
    client = site.test_client()
    response = client.post("/api/v1/proposals", json={})
    assert response.status_code == 401  # the bearer token decides, not CSRF


def test_a_csv_cell_a_spreadsheet_would_run_is_quoted():
    assert [csv_cell(v) for v in ("=SUM(A1)", "+62", "-1", "@x", "Siti", None)] == [
        "'=SUM(A1)",
        "'+62",
        "'-1",
        "'@x",
        "Siti",
        "",
    ]


def test_every_list_downloads_as_csv(browse):
    page = browse()
    page.sign_in("operator")
    for path in (
        "/usulan?format=csv",
        "/musyawarah?format=csv",
        "/registri?format=csv",
    ):
        response = page.get(path)
        assert response.mimetype == "text/csv", path
        assert response.headers["Content-Disposition"].startswith("attachment")
    admin = browse()
    admin.sign_in("admin")
    rows = admin.get("/akun?format=csv").get_data(as_text=True).splitlines()
    assert rows[0].startswith("id,nama,peran") and len(rows) == len(SCOPES) + 1


def test_after_sign_in_only_a_path_on_this_site_is_followed(browse):
    from web.common import local_path

    assert local_path("/usulan?status=submitted") == "/usulan?status=submitted"
    for elsewhere in ("//evil.example/", "/\\evil.example", "https://evil.example"):
        assert local_path(elsewhere) == ""
    page = browse()
    page.get("/masuk?next=//evil.example/")
    response = page.post(
        "/masuk",
        {"username": "operator", "password": PASSWORD, "next": "//evil.example/"},
    )
    assert response.location == "/"


def test_the_audit_log_shows_a_password_change_but_never_its_hash(api):
    from workflow.actors import command_line_actor

    body = {"name": "Dwi Rahmawati", "role": "auditor", "username": "dwi"}
    api.ledger.add_user(command_line_actor(), body)
    api.ledger.set_password(command_line_actor(), "dwi", "a-long-password")
    response = api.call("GET", "/api/v1/audit/events?limit=200", role="admin")
    items = response.get_json()["items"]
    changes = [i for i in items if i["type"] == "dtks.user.password_set"]
    assert len(changes) == 1 and "password_hash" not in changes[0]["data"]
    assert "$argon2" not in response.get_data(as_text=True)
