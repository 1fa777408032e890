"""The attributes a search may compare, their values read and checked, and the
expression syntax (MongoDB-like, as in the standard's example)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from workflow.regions import region_problem

ATTRIBUTES = {"age", "sex", "location", "group_size", "birth_date", "nik", "kk"}
DOLLAR = {"$eq": "eq", "$ne": "ne", "$lt": "lt", "$lte": "le", "$gt": "gt"}
DOLLAR |= {"$gte": "ge", "$in": "in"}


class ItemRejected(Exception):
    """One search request of a batch cannot be answered; names the reason code."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def invalid(message: str) -> ItemRejected:
    """The rejection of criteria the registry cannot answer."""
    return ItemRejected("rjct.search_criteria.invalid", message)


def expression(query: Any) -> tuple:
    """The condition tree of an expression query."""
    value = query.get("value") if isinstance(query, dict) else None
    if not isinstance(value, dict):
        raise invalid("an expression query is an object with type and value")
    document = value.get("expression", value)
    if isinstance(document, dict) and isinstance(document.get("query"), dict):
        document = document["query"]  # the standard's {collection, query} form
    return _document(document)


def _document(document: Any) -> tuple:
    if not isinstance(document, dict) or not document:
        raise invalid("an expression is a non-empty object, like {'age': {'$lt': 5}}")
    parts = [_clause(key, value) for key, value in document.items()]
    return parts[0] if len(parts) == 1 else ("and", parts)


def _clause(key: str, value: Any) -> tuple:
    if key in ("$and", "$or"):
        if not isinstance(value, list) or not value:
            raise invalid(f"{key} takes a non-empty list of expressions")
        return (key[1:], [_document(part) for part in value])
    if key == "$not":
        return ("not", _document(value))
    if not isinstance(value, dict):
        return checked(key, "eq", value)
    parts = []
    for op, operand in value.items():
        if op not in DOLLAR:
            raise invalid(f"{op!r} is not one of {', '.join(DOLLAR)}, $and, $or, $not")
        parts.append(checked(key, DOLLAR[op], operand))
    return parts[0] if len(parts) == 1 else ("and", parts)


def checked(name: Any, op: str, value: Any) -> tuple:
    """One comparison, its value read as the attribute needs."""
    if name not in ATTRIBUTES:
        raise invalid(
            f"attribute {name!r} is not one of {', '.join(sorted(ATTRIBUTES))}"
        )
    if op == "in":
        if not isinstance(value, list) or not value:
            raise invalid(f"'in' on {name} takes a non-empty list")
        return ("cmp", name, "in", [_value(name, one) for one in value])
    if name in ("location", "sex") and op not in ("eq", "ne"):
        raise invalid(f"{name} is compared with eq, ne or in only")
    return ("cmp", name, op, _value(name, value))


def _value(name: str, value: Any) -> Any:
    if name in ("age", "group_size"):
        whole = number(value)
        if whole is None or whole < 0:
            raise invalid(f"{name} is compared with a whole number, not {value!r}")
        return whole
    if not isinstance(value, str):
        raise invalid(f"{name} is compared with a string, not {value!r}")
    if name == "sex":
        sex = {"male": "M", "female": "F", "m": "M", "f": "F"}.get(value.lower())
        if sex is None:
            raise invalid(f"sex is male or female (M or F), not {value!r}")
        return sex
    if name == "location" and (problem := region_problem(value)):
        raise invalid(f"location: {problem}")
    if name == "birth_date":
        return date(value)
    return value


def number(value: Any) -> int | None:
    """A whole number given as a number or digits, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if isinstance(value, int | float) and float(value).is_integer():
        return int(value)
    return None


def date(value: Any) -> str:
    """An ISO date (today when None), or ItemRejected."""
    if value is None:
        return dt.date.today().isoformat()
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        raise invalid(f"{value!r} is not a date (YYYY-MM-DD)") from None
