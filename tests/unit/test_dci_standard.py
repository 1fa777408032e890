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
