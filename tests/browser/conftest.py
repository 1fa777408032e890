"""Real Chromium (Debian's) driving a real gunicorn, as each role would."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from events.readside import open_service
from tests.browser.person import Person
from tests.e2e.server import served
from tests.web.accounts import add_web_accounts

SECRET = {"DTKS_SECRET_KEY": "browser-test-key"}
CHROMIUM, DRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


def _browser_or_skip() -> None:
    if Path(CHROMIUM).exists() and Path(DRIVER).exists():
        return
    message = "Chromium is not installed (apt-get install chromium chromium-driver)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def seed():
    """What the store holds before the server starts (a module may override)."""
    return lambda ledger: None


@pytest.fixture
def site(sqlite_url, tmp_path, seed):
    """gunicorn on a SQLite file holding a web account for every role."""
    ledger = open_service(sqlite_url)
    add_web_accounts(ledger)
    seed(ledger)
    ledger.close()
    with served(sqlite_url, tmp_path / "gunicorn.log", **SECRET) as server:
        yield server.base


@pytest.fixture
def chromium(tmp_path, site):
    """Start one signed-out person per call, each in a fresh headless Chromium."""
    _browser_or_skip()
    drivers = []

    def start():
        driver = _driver(tmp_path / f"profile-{len(drivers)}")
        drivers.append(driver)
        return Person(driver, site)

    yield start
    for driver in drivers:
        driver.quit()


def _driver(profile: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--window-size=1280,900",
    ):
        options.add_argument(flag)
    return webdriver.Chrome(options=options, service=Service(DRIVER))
