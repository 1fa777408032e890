"""A search request's criteria, read into one condition tree the registry can
answer: identifier, predicate list and expression all become the same shape."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from workflow.regions import region_problem

MAX_PAGE_SIZE = 1000
DEFAULT_PAGE_SIZE = 100
# Identifier types: ours and the standard's generic names for the same things.
PERSON_IDS = {"NIK", "UIN", "NationalID"}
FAMILY_IDS = {"KK", "HOUSEHOLD_ID"}
ATTRIBUTES = {"age", "sex", "location", "group_size", "birth_date", "nik", "kk"}
OPERATORS = {"eq", "lt", "gt", "le", "ge", "in", "ne"}
# The expression syntax (MongoDB-like, as the standard's example) in our words.
DOLLAR = {"$eq": "eq", "$ne": "ne", "$lt": "lt", "$lte": "le", "$gt": "gt"}
DOLLAR |= {"$gte": "ge", "$in": "in"}
SORTABLE = {
    "Member": {"nik", "kk", "birth_date", "name", "location"},
    "Group": {"kk", "location"},
}
NOTHING = ("none",)  # a condition nothing meets: an unknown identifier


class ItemRejected(Exception):
    """One search request of a batch cannot be answered; names the reason code."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


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
        condition = _expression(query)
    else:
        raise _invalid(
            f"query_type {kind!r} is not idtype-value, predicate or expression"
        )
    size, number = _page(criteria.get("pagination") or {})
    return Criteria(
        entity,
        condition,
        _date(as_of),
        _sort(entity, criteria.get("sort")),
        size,
        number,
    )


def _invalid(message: str) -> ItemRejected:
    return ItemRejected("rjct.search_criteria.invalid", message)


def _identifier(query: Any) -> tuple:
    if not isinstance(query, dict):
        raise _invalid("an idtype-value query is an object with type and value")
    kind, value = query.get("type"), query.get("value")
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(int(value)) if float(value).is_integer() else str(value)
    if not isinstance(value, str) or kind not in PERSON_IDS | FAMILY_IDS:
        return NOTHING  # an identifier we do not hold matches nobody
    return ("cmp", "nik" if kind in PERSON_IDS else "kk", "eq", value)


def _predicates(query: Any) -> tuple:
    if not isinstance(query, list) or not query:
        raise _invalid("a predicate query is a non-empty list of expressions")
    items = sorted(query, key=lambda item: _seq(item))
    return ("and", [_predicate_item(item) for item in items])


def _seq(item: Any) -> float:
    seq = item.get("seq_num", 0) if isinstance(item, dict) else 0
    return seq if isinstance(seq, int | float) else 0


def _predicate_item(item: Any) -> tuple:
    if not isinstance(item, dict) or "expression1" not in item:
        raise _invalid("each predicate needs expression1")
    first = _comparison(item["expression1"])
    if "expression2" not in item:
        return first
    second = _comparison(item["expression2"])
    condition = item.get("condition", "and")
    if condition == "not":  # expression1 and not expression2
        return ("and", [first, ("not", second)])
    if condition not in ("and", "or"):
        raise _invalid(f"condition {condition!r} is not and, or, not")
    return (condition, [first, second])


def _comparison(expression: Any) -> tuple:
    if not isinstance(expression, dict):
        raise _invalid("an expression is an object: attribute_name, operator, value")
    name, op = expression.get("attribute_name"), expression.get("operator")
    if op not in OPERATORS:
        raise _invalid(f"operator {op!r} is not one of {', '.join(sorted(OPERATORS))}")
    return _checked(name, op, expression.get("attribute_value"))


def _expression(query: Any) -> tuple:
    value = query.get("value") if isinstance(query, dict) else None
    if not isinstance(value, dict):
        raise _invalid("an expression query is an object with type and value")
    document = value.get("expression", value)
    if isinstance(document, dict) and isinstance(document.get("query"), dict):
        document = document["query"]  # the standard's {collection, query} form
    return _document(document)


def _document(document: Any) -> tuple:
    if not isinstance(document, dict) or not document:
        raise _invalid("an expression is a non-empty object, like {'age': {'$lt': 5}}")
    parts = [_clause(key, value) for key, value in document.items()]
    return parts[0] if len(parts) == 1 else ("and", parts)


def _clause(key: str, value: Any) -> tuple:
    if key in ("$and", "$or"):
        if not isinstance(value, list) or not value:
            raise _invalid(f"{key} takes a non-empty list of expressions")
        return (key[1:], [_document(part) for part in value])
    if key == "$not":
        return ("not", _document(value))
    if not isinstance(value, dict):
        return _checked(key, "eq", value)
    parts = []
    for op, operand in value.items():
        if op not in DOLLAR:
            raise _invalid(f"{op!r} is not one of {', '.join(DOLLAR)}, $and, $or, $not")
        parts.append(_checked(key, DOLLAR[op], operand))
    return parts[0] if len(parts) == 1 else ("and", parts)


def _checked(name: Any, op: str, value: Any) -> tuple:
    """One comparison, its value read as the attribute needs."""
    if name not in ATTRIBUTES:
        raise _invalid(
            f"attribute {name!r} is not one of {', '.join(sorted(ATTRIBUTES))}"
        )
    if op == "in":
        if not isinstance(value, list) or not value:
            raise _invalid(f"'in' on {name} takes a non-empty list")
        return ("cmp", name, "in", [_value(name, one) for one in value])
    if name in ("location", "sex") and op not in ("eq", "ne"):
        raise _invalid(f"{name} is compared with eq, ne or in only")
    return ("cmp", name, op, _value(name, value))


def _value(name: str, value: Any) -> Any:
    if name in ("age", "group_size"):
        number = _number(value)
        if number is None or number < 0:
            raise _invalid(f"{name} is compared with a whole number, not {value!r}")
        return number
    if not isinstance(value, str):
        raise _invalid(f"{name} is compared with a string, not {value!r}")
    if name == "sex":
        sex = {"male": "M", "female": "F", "m": "M", "f": "F"}.get(value.lower())
        if sex is None:
            raise _invalid(f"sex is male or female (M or F), not {value!r}")
        return sex
    if name == "location" and (problem := region_problem(value)):
        raise _invalid(f"location: {problem}")
    if name == "birth_date":
        return _date(value)
    return value


def _number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if isinstance(value, int | float) and float(value).is_integer():
        return int(value)
    return None


def _date(value: Any) -> str:
    if value is None:
        return dt.date.today().isoformat()
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        raise _invalid(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _page(pagination: dict) -> tuple[int, int]:
    size = _number(pagination.get("page_size", DEFAULT_PAGE_SIZE))
    number = _number(pagination.get("page_number", 1))
    if size is None or not 1 <= size <= MAX_PAGE_SIZE:
        raise ItemRejected(
            "rjct.pagination.invalid",
            f"page_size is a whole number from 1 to {MAX_PAGE_SIZE}",
        )
    if number is None or number < 1:
        raise ItemRejected(
            "rjct.pagination.invalid", "page_number is a whole number from 1"
        )
    return size, number


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
