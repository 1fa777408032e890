"""Faults under load, on 127.0.0.1: the database cut off, a worker killed.

Bounded: a few clients for some seconds. The database is taken away through a
proxy of the test's own, so the shared PostgreSQL keeps serving other tests;
the only process killed is a worker of the gunicorn this test started.
"""

from __future__ import annotations

import os
import signal
import time
from urllib.parse import urlsplit, urlunsplit
from uuid import UUID

import pytest

from events.readside import open_service
from tests.apiclient import issue_tokens
from tests.e2e.load import Load, one_request
from tests.e2e.proxy import CuttableProxy
from tests.e2e.server import gunicorn

BUDGET = 10  # seconds, DTKS_REQUEST_BUDGET's default


def tokens_on(store_url: str) -> dict:
    """Tokens of every role, on a store whose read models are built."""
    ledger = open_service(store_url)
    try:
        return issue_tokens(ledger)
    finally:
        ledger.close()


def through(proxy: CuttableProxy, url: str) -> str:
    parts = urlsplit(url)
    netloc = f"{parts.username}@127.0.0.1:{proxy.port}"
    return urlunsplit(parts._replace(netloc=netloc))


@pytest.fixture
def proxied(postgres_url):
    """The test schema on PostgreSQL, reached through a proxy the test can cut."""
    parts = urlsplit(postgres_url)
    proxy = CuttableProxy((parts.hostname, parts.port or 5432))
    yield proxy, through(proxy, postgres_url)
    proxy.close()


def recovered_after(server, since: float, within: float = 20) -> float:
    """Seconds from `since` until a write and a read both succeed again."""
    while time.monotonic() < since + within:
        if {one_request(server, w).status for w in (True, False)} <= {200, 201}:
            return time.monotonic() - since
        time.sleep(0.2)
    pytest.fail(f"still failing {within} s after the database came back")


def test_a_database_outage_is_503_within_5_s_and_passes_without_a_restart(
    proxied, postgres_url, tmp_path
):
    proxy, url = proxied
    tokens = tokens_on(postgres_url)
    with gunicorn(url, tokens, tmp_path / "gunicorn.log") as server:
        with Load(server) as load:
            time.sleep(3)  # 1. healthy
            cut = time.monotonic()
            proxy.cut()  # 2. the database is gone
            time.sleep(3)
            started = time.monotonic()
            readyz = server.call("GET", "/readyz", role=None)
            readyz_seconds = time.monotonic() - started
            time.sleep(5)
            proxy.restore()  # 3. it is back
            back = time.monotonic()
            recovery = recovered_after(server, back)
            time.sleep(3)
        answers = load.answers
        steady = [a for a in answers if a.started > back + recovery]
        after_cut = [a for a in answers if cut + 0.5 < a.started < back - 5]

    assert answers and not [a for a in answers if a.status in (500, 502, 504)]
    assert max(a.seconds for a in answers) < BUDGET
    assert after_cut and {a.status for a in after_cut} == {503}
    assert min(a.ended for a in after_cut) - cut < 5
    assert max(a.seconds for a in after_cut) < 5
    assert all(a.retry_after for a in answers if a.status == 503)
    assert readyz.status == 503 and readyz_seconds < 1.5
    late = [(a.method, a.started - back, a.body) for a in steady if a.status > 201]
    assert steady and late == []


def test_a_worker_that_starts_while_the_database_is_down_answers_503_then_serves(
    proxied, postgres_url, tmp_path
):
    proxy, url = proxied
    tokens = tokens_on(postgres_url)
    proxy.cut()
    with gunicorn(url, tokens, tmp_path / "gunicorn.log") as server:
        for write in (True, False):
            answer = one_request(server, write)
            assert answer.status == 503 and answer.seconds < 5, answer
        proxy.restore()
        assert recovered_after(server, time.monotonic()) < 10


def worker_pids(master: int) -> set[int]:
    """The worker processes of the gunicorn master this test started."""
    pids = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = open(f"/proc/{entry}/stat").read()  # noqa: SIM115
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == master:
                pids.add(int(entry))
    return pids


def test_a_worker_killed_under_write_load_loses_no_acknowledged_write(
    store_url, tmp_path
):
    tokens = tokens_on(store_url)
    with gunicorn(store_url, tokens, tmp_path / "gunicorn.log") as server:
        with Load(server, clients=8) as load:
            time.sleep(2)
            victim = min(worker_pids(server.pid))
            os.kill(victim, signal.SIGKILL)
            time.sleep(4)
            replaced = worker_pids(server.pid)
        acknowledged = [a.body["id"] for a in load.answers if a.status == 201]
        statuses = {a.status for a in load.answers}
        ledger = open_service(store_url)
        try:
            stored = {pid for pid in acknowledged if ledger.stored(UUID(pid))}
        finally:
            ledger.close()

    assert statuses <= {0, 200, 201, 503}, statuses  # 503: refused, never lost
    assert victim not in replaced and len(replaced) == 2  # gunicorn replaced it
    assert len(acknowledged) > 20
    assert stored == set(acknowledged)
