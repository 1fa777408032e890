"""The demo, as a newcomer clicks through it: an account of each role signs in
with the printed password and every page it links to opens, details included."""

from __future__ import annotations

import re

import pytest

from dtks.demo import DEMO_PASSWORD, create_demo
from tests.web.conftest import Browser

LINK = re.compile(r'href="(/(?:usulan|musyawarah|registri|akun)[^"]*)"')


@pytest.fixture
def demo_site(sqlite_url):
    from api import create_app

    app = create_app({"DATABASE_URL": sqlite_url, "SECRET_KEY": "test-key"})
    ledger = app.extensions["dtks_ledger"]()
    accounts = create_demo(ledger)
    yield app, accounts
    ledger.close()


def test_every_demo_account_opens_every_page_it_is_offered(demo_site):
    app, accounts = demo_site
    first_of_each_role = {a["role"]: a for a in reversed(accounts)}
    for account in first_of_each_role.values():
        page = Browser(app.test_client())
        assert page.sign_in(account["username"], DEMO_PASSWORD).status_code == 302
        page.get("/", follow_redirects=True)
        seen, waiting = set(), LINK.findall(page.html)
        while waiting and len(seen) < 40:
            path = waiting.pop(0).replace("&amp;", "&")
            if path in seen or "format=csv" in path:
                continue
            seen.add(path)
            response = page.get(path)
            assert response.status_code == 200, (account["username"], path)
            waiting += LINK.findall(page.html)
        assert seen, account["username"]
