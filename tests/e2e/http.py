"""A plain HTTP client over the standard library, for end-to-end tests."""

from __future__ import annotations

import http.client
import json
import threading
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit


@dataclass
class Reply:
    """What the server answered."""

    status: int
    headers: dict[str, str]
    body: Any


class Http:
    """Calls a running server as one of the test accounts."""

    def __init__(self, base: str, tokens: dict):
        self.base, self.tokens = base, tokens
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port

    def call(
        self,
        method: str,
        path: str,
        role: str | None = "operator",
        in_scope: bool = True,
        json_body: Any = None,
        headers: dict | None = None,
    ) -> Reply:
        sent = dict(headers or {})
        if role is not None:
            sent["Authorization"] = f"Bearer {self.tokens[(role, in_scope)]}"
        data = None
        if json_body is not None:
            data = json.dumps(json_body).encode()
            sent["Content-Type"] = "application/json"
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            conn.request(method, path, body=data, headers=sent)
            response = conn.getresponse()
            raw = response.read()
            got = {k.lower(): v for k, v in response.getheaders()}
        finally:
            conn.close()
        body = json.loads(raw) if raw and "json" in got.get("content-type", "") else raw
        return Reply(response.status, got, body)


def from_both_workers(call, burst: int = 8, rounds: int = 40) -> list[Reply]:
    """Repeat `call` in simultaneous bursts until both workers have answered.

    The kernel decides which worker accepts a connection, so a single burst may
    all land on one; repeating it (bounded) makes the test about the property,
    not about luck.
    """
    replies: list[Reply] = []
    for _ in range(rounds):
        barrier, got = threading.Barrier(burst), []

        def one(barrier=barrier, got=got) -> None:
            barrier.wait()
            got.append(call())

        threads = [threading.Thread(target=one) for _ in range(burst)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        replies += got
        if len({r.headers["x-dtks-worker"] for r in replies}) >= 2:
            break
    return replies
