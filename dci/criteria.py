"""A search request's criteria, read into one condition tree the registry can
answer: identifier, predicate list and expression all become the same shape."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dci.values import ItemRejected, checked, date, expression, invalid, number

MAX_PAGE_SIZE = 1000
DEFAULT_PAGE_SIZE = 100
# Identifier types: ours and the standard's generic names for the same things.
PERSON_IDS = {"NIK", "UIN", "NationalID"}
FAMILY_IDS = {"KK", "HOUSEHOLD_ID"}
OPERATORS = {"eq", "lt", "gt", "le", "ge", "in", "ne"}
SORTABLE = {
    "Member": {"nik", "kk", "birth_date", "name", "location"},
    "Group": {"kk", "location"},
}
NOTHING = ("none",)  # a condition nothing meets: an unknown identifier


@dataclass(frozen=True)
class Criteria:
    """What to find, as of which date, and which page of it."""

    entity: str
    condition: tuple
    as_of: str
    sort: tuple[tuple[str, str], ...]
    page_size: int
    page_number: int


def read(criteria: dict, as_of: Any) -> Criteria:
    """The criteria of one search request, or ItemRejected."""
    entity = criteria.get("response_entity") or "Group"
    kind, query = criteria.get("query_type"), criteria.get("query")
    if kind == "idtype-value":
        condition = _identifier(query)
    elif kind == "predicate":
        condition = _predicates(query)
    elif kind == "expression":
        condition = expression(query)
    else:
        raise invalid(
            f"query_type {kind!r} is not idtype-value, predicate or expression"
        )
    size, page = _page(criteria.get("pagination") or {})
    return Criteria(
        entity,
        condition,
        date(as_of),
        _sort(entity, criteria.get("sort")),
        size,
        page,
    )


def _identifier(query: Any) -> tuple:
    if not isinstance(query, dict):
        raise invalid("an idtype-value query is an object with type and value")
    kind, value = query.get("type"), query.get("value")
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(int(value)) if float(value).is_integer() else str(value)
    if not isinstance(value, str) or kind not in PERSON_IDS | FAMILY_IDS:
        return NOTHING  # an identifier we do not hold matches nobody
    return ("cmp", "nik" if kind in PERSON_IDS else "kk", "eq", value)


def _predicates(query: Any) -> tuple:
    if not isinstance(query, list) or not query:
        raise invalid("a predicate query is a non-empty list of expressions")
    items = sorted(query, key=lambda item: _seq(item))
    return ("and", [_predicate_item(item) for item in items])


def _seq(item: Any) -> float:
    seq = item.get("seq_num", 0) if isinstance(item, dict) else 0
    return seq if isinstance(seq, int | float) else 0


def _predicate_item(item: Any) -> tuple:
    if not isinstance(item, dict) or "expression1" not in item:
        raise invalid("each predicate needs expression1")
    first = _comparison(item["expression1"])
    if "expression2" not in item:
        return first
    second = _comparison(item["expression2"])
    condition = item.get("condition", "and")
    if condition == "not":  # expression1 and not expression2
        return ("and", [first, ("not", second)])
    if condition not in ("and", "or"):
        raise invalid(f"condition {condition!r} is not and, or, not")
    return (condition, [first, second])


def _comparison(expression: Any) -> tuple:
    if not isinstance(expression, dict):
        raise invalid("an expression is an object: attribute_name, operator, value")
    name, op = expression.get("attribute_name"), expression.get("operator")
    if op not in OPERATORS:
        raise invalid(f"operator {op!r} is not one of {', '.join(sorted(OPERATORS))}")
    return checked(name, op, expression.get("attribute_value"))


def _page(pagination: dict) -> tuple[int, int]:
    size = number(pagination.get("page_size", DEFAULT_PAGE_SIZE))
    page = number(pagination.get("page_number", 1))
    if size is None or not 1 <= size <= MAX_PAGE_SIZE:
        raise ItemRejected(
            "rjct.pagination.invalid",
            f"page_size is a whole number from 1 to {MAX_PAGE_SIZE}",
        )
    if page is None or page < 1:
        raise ItemRejected(
            "rjct.pagination.invalid", "page_number is a whole number from 1"
        )
    return size, page


def _sort(entity: str, sort: Any) -> tuple[tuple[str, str], ...]:
    if sort is None:
        return ()
    allowed = SORTABLE.get(entity, set())
    order = []
    for item in sort if isinstance(sort, list) else [None]:
        name = item.get("attribute_name") if isinstance(item, dict) else None
        direction = item.get("sort_order", "asc") if isinstance(item, dict) else None
        if name not in allowed or direction not in ("asc", "desc"):
            raise ItemRejected(
                "rjct.sort.invalid",
                f"a {entity} sorts by {', '.join(sorted(allowed))}, asc or desc",
            )
        order.append((name, direction))
    return tuple(order)
