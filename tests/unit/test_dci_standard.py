"""The vendored DCI standard, and why it is read with errata."""

from __future__ import annotations

from dci import standard
from tests import dci_support as dci

SEARCH = "/registry/sync/search"


def envelope(message: dict) -> dict:
    return {"header": dci.header("search"), "message": message}


def expression_search() -> dict:
    query = {"type": "ns:dtks:QueryType:mongo", "value": {"expression": {"age": 5}}}
    return dci.search({"query_type": "expression", "query": query})


def test_an_identifier_search_keeps_to_the_standard_as_written():
    body = envelope(dci.by_id("NIK", "3320010702840001", "Member"))
    assert (
        standard.problems(standard.request_validator(SEARCH, errata=False), body) == []
    )


def test_the_standard_as_written_refuses_every_expression_query():
    body = envelope(expression_search())
    as_written = standard.problems(
        standard.request_validator(SEARCH, errata=False), body
    )
    assert as_written  # the query fits two branches of a oneOf
    assert standard.problems(standard.request_validator(SEARCH), body) == []


def test_the_standard_as_written_refuses_an_integer_identifier():
    body = envelope(dci.by_id("UIN", 3320010702840001))
    assert standard.problems(standard.request_validator(SEARCH, errata=False), body)
    assert standard.problems(standard.request_validator(SEARCH), body) == []


def test_subscriptions_are_described_by_the_registry_core_api():
    assert standard.spec_of("/registry/subscribe") == standard.CORE
    assert standard.spec_of(SEARCH) == standard.SOCIAL


def test_the_quick_check_accepts_exactly_what_the_full_check_accepts():
    page_too_big = dci.predicate(("age", "lt", 5), pagination={"page_size": "many"})
    # Where validators tend to differ: an integral float, a boolean as integer.
    float_page = dci.predicate(("age", "lt", 5), pagination={"page_size": 10.0})
    bool_page = dci.predicate(("age", "lt", 5), pagination={"page_size": True})
    no_query = dci.by_id("NIK", "1")
    del no_query["search_request"][0]["search_criteria"]["query"]
    bodies = [
        envelope(dci.by_id("NIK", "3320010702840001", "Member")),
        envelope(dci.by_id("UIN", 3320010702840001)),  # errata: anyOf numbers
        envelope(expression_search()),  # errata: anyOf query branches
        envelope(dci.predicate(("age", "lt", 5), ("location", "eq", "33.20"))),
        envelope(float_page),
        envelope(page_too_big),
        envelope(bool_page),
        envelope(no_query),
        envelope({"search_request": "all of them"}),
        {"header": {**dci.header("search"), "action": 5}, "message": {}},
        {"header": {"version": "1.0.0"}},
        {"header": dci.header("subscribe"), "message": dci.subscribe_message("33.20")},
    ]
    paths = [SEARCH] * (len(bodies) - 1) + ["/registry/subscribe"]
    verdicts = [
        (
            standard.conforms(path, body),
            not standard.problems(standard.request_validator(path, body=body), body),
        )
        for path, body in zip(paths, bodies, strict=True)
    ]
    assert [quick for quick, _full in verdicts] == [full for _quick, full in verdicts]
    assert [quick for quick, _full in verdicts] == [True] * 5 + [False] * 6 + [True]
