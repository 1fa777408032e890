"""Reading DCI search criteria: identifiers, predicates and expressions become one
condition tree; what cannot be answered is rejected with the standard's code."""

from __future__ import annotations

import pytest

from dci.criteria import read
from dci.values import ItemRejected
from dci.where import Compiler


def predicate(*items) -> dict:
    return {"query_type": "predicate", "query": list(items)}


def expression1(name, op, value) -> dict:
    return {"attribute_name": name, "operator": op, "attribute_value": value}


def where(criteria: dict, as_of="2026-12-01", region=None) -> tuple[str, list]:
    compiler = Compiler(as_of, ("1 = 1", []), region)
    return compiler.where(read(criteria, as_of).condition), compiler.params


def test_under_five_means_born_after_the_same_day_five_years_before():
    sql, params = where(predicate({"expression1": expression1("age", "lt", "5")}))
    assert (sql, params) == ("(m.birth_date > ?)", ["2021-12-01"])


def test_aged_exactly_five_is_a_range_of_birth_dates():
    sql, params = where(predicate({"expression1": expression1("age", "eq", 5)}))
    assert params == ["2021-12-01", "2020-12-01"]
    assert sql == "((m.birth_date <= ? AND m.birth_date > ?))"


def test_a_location_of_any_level_compares_its_own_column():
    for code, column in (("33", "province"), ("33.20.01", "kecamatan")):
        sql, params = where(
            predicate({"expression1": expression1("location", "eq", code)})
        )
        assert (sql, params) == (f"(m.{column} = ?)", [code])


def test_a_location_the_partners_scope_already_holds_is_not_tested_again():
    def located(code):
        return where(
            predicate({"expression1": expression1("location", "eq", code)}),
            region="33.20",
        )

    assert located("33.20") == located("33") == ("(1 = 1)", [])
    assert located("33.20.01") == ("(m.kecamatan = ?)", ["33.20.01"])
    assert located("33.21") == ("(m.kabkota = ?)", ["33.21"])  # another kabupaten


def test_not_and_or_combine_two_expressions():
    female = expression1("sex", "eq", "female")
    old = expression1("age", "ge", 60)
    sql, _ = where(
        predicate({"expression1": female, "condition": "not", "expression2": old})
    )
    assert sql == "((m.sex = ? AND NOT (m.birth_date <= ?)))"
    sql, _ = where(
        predicate({"expression1": female, "condition": "or", "expression2": old})
    )
    assert sql == "((m.sex = ? OR m.birth_date <= ?))"


def test_an_expression_reads_like_the_standards_example():
    query = {"$or": [{"sex": "male"}, {"group_size": {"$gt": 4}}]}
    criteria = {
        "query_type": "expression",
        "query": {
            "type": "mongo",
            "value": {"expression": {"collection": "Group", "query": query}},
        },
    }
    condition = read(criteria, "2026-12-01").condition
    assert condition == (
        "or",
        [("cmp", "sex", "eq", "M"), ("cmp", "group_size", "gt", 4)],
    )


@pytest.mark.parametrize(
    "criteria, code",
    [
        (
            predicate({"expression1": expression1("income", "lt", 5)}),
            "rjct.search_criteria.invalid",
        ),
        (
            predicate({"expression1": expression1("location", "eq", "99.99")}),
            "rjct.search_criteria.invalid",
        ),
        (
            predicate({"expression1": expression1("sex", "lt", "male")}),
            "rjct.search_criteria.invalid",
        ),
        (
            {
                "query_type": "idtype-value",
                "query": {"type": "NIK", "value": "1"},
                "pagination": {"page_size": 0},
            },
            "rjct.pagination.invalid",
        ),
        (
            {
                "query_type": "idtype-value",
                "query": {"type": "NIK", "value": "1"},
                "sort": [{"attribute_name": "income"}],
            },
            "rjct.sort.invalid",
        ),
    ],
)
def test_criteria_the_registry_cannot_answer_are_rejected_with_a_reason(criteria, code):
    with pytest.raises(ItemRejected) as rejected:
        read(criteria, None)
    assert rejected.value.code == code
