"""Per-token rate limits on writes and searches, answered 429 with Retry-After.

Configured by `RATE_LIMITS` in the app's config or the environment variable
DTKS_RATE_LIMITS, e.g. "write=60/60,search=120/60" (requests per seconds, per
token; "write=off" lifts one). Each worker process counts alone, in memory: with
gunicorn's N workers a token may make up to N times the limit before every
worker refuses it. The limits stop a runaway script or a stolen token from
flooding the log and the registry; they do not meter partners exactly.
"""

from __future__ import annotations

import math
import os
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from workflow.problems import Problem

DEFAULT = "write=60/60,search=120/60"
KINDS = ("write", "search")
ROOM = 10_000  # tokens counted at once per process
SAFE = ("GET", "HEAD", "OPTIONS")


@dataclass(frozen=True)
class Limit:
    """At most `count` requests in any `seconds`."""

    count: int
    seconds: int


class RateLimited(Exception):
    """A token went over its limit: the Problem, and seconds until it may retry."""

    def __init__(self, problem: Problem, retry: int):
        super().__init__(problem)
        self.problem, self.retry = problem, retry


def parse(text: str) -> dict[str, Limit | None]:
    """The limits "write=60/60,search=off" names (None: off); ValueError when
    malformed, so that a misspelt setting stops the start, not the limits."""
    limits: dict[str, Limit | None] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        kind, _, rule = (s.strip() for s in part.partition("="))
        if kind not in KINDS:
            raise ValueError(f"unknown rate limit {kind!r}; known: {KINDS}")
        count, _, seconds = rule.partition("/")
        limits[kind] = None if rule == "off" else Limit(int(count), int(seconds or 60))
    return limits


def configured(setting: str | None) -> dict[str, Limit]:
    """The app's setting, else DTKS_RATE_LIMITS, over the defaults."""
    given = setting or os.environ.get("DTKS_RATE_LIMITS", "")
    if given == "off":
        return {}
    limits = {**parse(DEFAULT), **parse(given)}
    return {kind: limit for kind, limit in limits.items() if limit is not None}


class Limiter:
    """A sliding window of request times per kind and token, in this process."""

    def __init__(self, limits: dict[str, Limit], clock: Callable = time.monotonic):
        self.limits, self.clock = limits, clock
        self._seen: dict[tuple[str, str], deque] = {}
        self._lock = threading.Lock()

    def check(self, kind: str | None, key: str) -> None:
        """Count one request of `kind` by a token; RateLimited when over."""
        limit = self.limits.get(kind) if kind else None
        if limit is None:
            return
        now = self.clock()
        with self._lock:
            if len(self._seen) >= ROOM:
                self._seen.clear()
            times = self._seen.setdefault((str(kind), key), deque())
            while times and times[0] <= now - limit.seconds:
                times.popleft()
            if len(times) >= limit.count:
                retry = max(1, math.ceil(times[0] + limit.seconds - now))
                raise RateLimited(_problem(str(kind), limit, retry), retry)
            times.append(now)


def _problem(kind: str, limit: Limit, retry: int) -> Problem:
    return Problem(
        "rate.limited", kind=kind, limit=limit.count, seconds=limit.seconds, retry=retry
    )


def kind_of(method: str, view: object) -> str | None:
    """Which limit a request counts against: writes, searches, or none."""
    if method not in SAFE:
        return "write"
    return "search" if getattr(view, "rate_limited", False) else None
