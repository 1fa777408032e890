"""The rate limits' settings and their sliding window, on a clock the test moves."""

from __future__ import annotations

import pytest

from api.limits import Limit, Limiter, RateLimited, configured, kind_of, parse


def test_writes_and_searches_are_limited_by_default(monkeypatch):
    monkeypatch.delenv("DTKS_RATE_LIMITS", raising=False)
    assert configured(None) == {"write": Limit(60, 60), "search": Limit(120, 60)}


def test_the_environment_or_the_app_changes_or_lifts_a_limit(monkeypatch):
    monkeypatch.setenv("DTKS_RATE_LIMITS", "search=off")
    assert configured(None) == {"write": Limit(60, 60)}
    assert configured("write=5/10") == {"write": Limit(5, 10), "search": Limit(120, 60)}
    assert configured("off") == {}


def test_a_misspelt_setting_stops_the_start_rather_than_lifting_limits():
    with pytest.raises(ValueError):
        parse("writes=5/60")
    with pytest.raises(ValueError):
        parse("write=many")


def test_the_window_slides_and_says_when_to_try_again():
    now = [1000.0]
    limiter = Limiter({"write": Limit(2, 60)}, clock=lambda: now[0])
    limiter.check("write", "token-a")
    now[0] += 20
    limiter.check("write", "token-a")
    with pytest.raises(RateLimited) as refused:
        limiter.check("write", "token-a")
    assert refused.value.retry == 40  # the first request leaves the window then
    limiter.check("write", "token-b")  # each token has its own window
    now[0] += 40
    limiter.check("write", "token-a")


def test_reads_count_only_when_their_view_is_a_search():
    def search():
        """A search view."""

    search.rate_limited = True
    assert kind_of("POST", None) == "write"
    assert kind_of("DELETE", None) == "write"
    assert kind_of("GET", search) == "search"
    assert kind_of("GET", lambda: None) is None
