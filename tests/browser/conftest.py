"""Real Chromium (Debian's) driving a real gunicorn, as each role would."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from events.readside import open_service
from tests.browser.person import Person
from tests.e2e.server import free_port
from tests.web.accounts import add_web_accounts

ROOT = Path(__file__).resolve().parents[2]
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
    port = free_port()
    env = {
        **os.environ,
        "DTKS_DATABASE_URL": sqlite_url,
        "DTKS_BIND": f"127.0.0.1:{port}",
        "DTKS_WORKERS": "2",
        "DTKS_SECRET_KEY": "browser-test-key",
    }
    log = open(tmp_path / "gunicorn.log", "wb")  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    _wait_for(base, process, tmp_path / "gunicorn.log")
    yield base
    process.terminate()
    process.wait(timeout=30)
    log.close()
    logged = (tmp_path / "gunicorn.log").read_text()
    assert "Traceback" not in logged, logged[logged.index("Traceback") :][:3000]


def _wait_for(base: str, process, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    process.kill()
    pytest.fail(log.read_text())


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
