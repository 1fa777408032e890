"""The web pages through Flask's test client, signed in as any role."""

from __future__ import annotations

import re

import pytest

from tests.web.accounts import PASSWORD, add_web_accounts

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
KEY = re.compile(r'name="form_key" value="([^"]+)"')


class Browser:
    """A signed-in session: GET pages, POST forms with the page's CSRF token."""

    def __init__(self, client):
        self.client = client
        self.html = ""

    def get(self, path: str, **kwargs):
        response = self.client.get(path, **kwargs)
        self.html = response.get_data(as_text=True)
        return response

    def post(self, path: str, data: dict, page: str | None = None):
        """Send a form as the page `page` (default: the last page) carries it."""
        html = self.client.get(page).get_data(as_text=True) if page else self.html
        fields = {"csrf_token": TOKEN.search(html).group(1)}
        if key := KEY.search(html):
            fields["form_key"] = key.group(1)
        response = self.client.post(path, data={**fields, **data})
        self.html = response.get_data(as_text=True)
        return response

    def sign_in(self, username: str, password: str = PASSWORD):
        self.get("/masuk")
        return self.post("/masuk", {"username": username, "password": password})


@pytest.fixture
def site(sqlite_url):
    """The app on a fresh SQLite file with a web account for every role."""
    from api import create_app

    app = create_app({"DATABASE_URL": sqlite_url, "SECRET_KEY": "test-key"})
    ledger = app.extensions["dtks_ledger"]()
    add_web_accounts(ledger)
    app.ledger = ledger
    yield app
    ledger.close()


@pytest.fixture
def browse(site):
    """A new signed-out browser session on the site; call it once per person."""
    return lambda: Browser(site.test_client())
