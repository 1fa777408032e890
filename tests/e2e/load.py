"""Bounded load on a test server: clients in threads, every answer timed."""

from __future__ import annotations

import http.client
import itertools
import threading
import time
from dataclasses import dataclass

from tests.support import add_body, family_of_three

_families = itertools.count()


@dataclass
class Answer:
    """One request as the client saw it; status 0 when the connection broke."""

    method: str
    started: float
    seconds: float
    status: int
    retry_after: str | None
    body: object

    @property
    def ended(self) -> float:
        """When the answer arrived (monotonic clock)."""
        return self.started + self.seconds


def new_family() -> dict:
    """A proposal body for a family no other body of this run names."""
    serial = 2 * next(_families) + 1
    return add_body(*family_of_three(serial))


def one_request(server, write: bool) -> Answer:
    """A proposal submitted, or a page of proposals read, timed."""
    method, started = ("POST" if write else "GET"), time.monotonic()
    try:
        if write:
            reply = server.call("POST", "/api/v1/proposals", json_body=new_family())
        else:
            reply = server.call("GET", "/api/v1/proposals?limit=5", role="auditor")
    except (OSError, http.client.HTTPException):  # a killed worker's connection
        return Answer(method, started, time.monotonic() - started, 0, None, None)
    seconds = time.monotonic() - started
    retry_after = reply.headers.get("retry-after")
    return Answer(method, started, seconds, reply.status, retry_after, reply.body)


class Load:
    """`clients` threads sending requests until stopped; writes every other one."""

    def __init__(self, server, clients: int = 6):
        self.server, self.answers = server, []
        self._stop = threading.Event()
        self._threads = [
            threading.Thread(target=self._client, args=(n,)) for n in range(clients)
        ]

    def __enter__(self) -> Load:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=120)

    def _client(self, number: int) -> None:
        for turn in itertools.count(number):
            if self._stop.is_set():
                return
            self.answers.append(one_request(self.server, write=turn % 2 == 0))
            time.sleep(0.02)
