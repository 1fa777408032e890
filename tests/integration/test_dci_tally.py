"""A member search over a kabupaten or kecamatan counts its matches from the
kept tally (rm_born_tally): the same number as counting the rows, as of any
date, after people came, moved, were corrected and died."""

from __future__ import annotations

import pytest

from bench import population
from dci.criteria import read
from dci.search import where_of
from dci.tally import tally_count
from events.readside import open_service
from tests.support import a_year_of_kedungmalang, make_actors
from workflow.actors import command_line_actor

BASELINE = "2025-07-01"
DAYS = [
    "2025-06-30",  # before the baseline: nobody
    BASELINE,
    "2026-01-01",  # two families determined
    "2026-03-14",  # the day before a move
    "2026-03-15",
    "2026-05-01",  # a correction and a death
    "2030-01-01",
]
TALLIED = [  # (partner's region, predicate items)
    ("33.20", [("age", "lt", 5)]),
    ("33.20", [("age", "lt", 5), ("location", "eq", "33.20")]),
    (None, [("age", "ge", 60), ("sex", "eq", "F"), ("location", "eq", "33.20")]),
    ("33", [("age", "eq", 30), ("location", "eq", "33.20.01")]),
    ("33.20.01", [("age", "le", 17), ("age", "gt", 5), ("location", "eq", "33")]),
    ("33.20", [("birth_date", "ge", "2000-01-01"), ("birth_date", "lt", "2010-06-30")]),
    ("33.20", [("sex", "eq", "M")]),
    ("33.20.01", []),
    ("33.20", [("location", "eq", "64.09"), ("age", "lt", 5)]),  # outside: nobody
]
COUNTED = [  # questions the tally does not answer: the rows are counted
    ("33.20", [("location", "eq", "33.20.01.2001")]),
    (None, [("age", "lt", 5)]),
    ("33.20", [("age", "ne", 5)]),
    ("33.20", [("group_size", "ge", 4)]),
    ("33.20", [("sex", "in", ["M", "F"])]),
]


def _criteria(items: list, day: str):
    predicates = [
        {
            "seq_num": n,
            "expression1": {"attribute_name": a, "operator": o, "attribute_value": v},
        }
        for n, (a, o, v) in enumerate(items or [("age", "ge", 0)])
    ]
    asked = {"query_type": "predicate", "query": predicates}
    return read({**asked, "response_entity": "Member"}, day)


@pytest.fixture
def churned(store_url):
    """A baseline of Jepara, then a year of Kedungmalang: families in, a move,
    a correction, a death; and the read store."""
    ledger = open_service(store_url)
    actors = make_actors(ledger)
    source = {"name": "t", "sha256": "", "effective_on": BASELINE, "decree": ""}
    ledger.import_baseline(command_line_actor(), population.families(600), source)
    a_year_of_kedungmalang(ledger, actors)
    ledger.index.fresh()
    yield ledger.index.store
    ledger.close()


def test_the_tally_counts_what_the_rows_count_on_every_date(churned):
    nonzero = 0
    for region, items in TALLIED:
        for day in DAYS:
            criteria = _criteria(items, day)
            tallied = tally_count(criteria.condition, day, region)
            assert tallied is not None, (region, items)
            where, params = where_of(criteria, region)
            rows = f"SELECT COUNT(*) FROM rm_membership m WHERE {where}"
            expected = churned.query(rows, params)[0][0]
            assert churned.query(*tallied)[0][0] == expected, (region, items, day)
            nonzero += expected > 0
    assert nonzero > 30  # the dates and questions found people


def test_questions_the_tally_cannot_answer_exactly_count_the_rows(churned):
    for region, items in COUNTED:
        criteria = _criteria(items, "2026-05-01")
        assert tally_count(criteria.condition, "2026-05-01", region) is None
    either = read(
        {
            "query_type": "expression",
            "query": {
                "type": "mongo",
                "value": {"expression": {"$or": [{"age": {"$lt": 5}}, {"sex": "F"}]}},
            },
        },
        "2026-05-01",
    )
    assert tally_count(either.condition, "2026-05-01", "33.20") is None
