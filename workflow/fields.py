"""Small field checkers that collect problems (codes with parameters) by field path."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from workflow.errors import InvalidInput
from workflow.problems import Problem

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Longest texts accepted, in characters; the API description states the same.
TEXT_LIMIT = 200  # names, addresses, chairs
NUMBER_LIMIT = 100  # minutes and decree numbers
NOTE_LIMIT = 2000
REASON_LIMIT = 1000  # why a proposal is withdrawn or returned
ID_LIMIT = 64


class Errors:
    """Collects problems per field path ("members.0.nik") and raises them at once."""

    def __init__(self) -> None:
        self.by_field: dict[str, list[str]] = {}

    def add(self, field: str, message: str | None) -> None:
        """Record a problem for a field (None means no problem)."""
        if message:
            self.by_field.setdefault(field, []).append(message)

    def __contains__(self, field: str) -> bool:
        return field in self.by_field

    def raise_any(self) -> None:
        """Raise InvalidInput when anything was recorded."""
        if self.by_field:
            raise InvalidInput(self.by_field)


def text(
    errors: Errors, field: str, value: Any, *, required: bool, limit: int = TEXT_LIMIT
):
    """A trimmed non-empty string of at most `limit` characters, or None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            errors.add(field, Problem("field.required"))
        return None
    if not isinstance(value, str):
        errors.add(field, Problem("field.text"))
        return None
    if len(value) > limit:
        errors.add(field, Problem("field.too_long", limit=limit))
        return None
    return value.strip()


def iso_date(errors: Errors, field: str, value: Any, *, required: bool = True):
    """A date given as YYYY-MM-DD, or None."""
    if value is None:
        if required:
            errors.add(field, Problem("date.required"))
        return None
    if isinstance(value, dt.date):
        return value
    date = _iso_date(value) if isinstance(value, str) else None
    if date is None:
        errors.add(field, Problem("date.invalid", value=value))
    return date


@lru_cache(maxsize=65_536)
def _iso_date(value: str) -> dt.date | None:
    """The date a YYYY-MM-DD string names, or None. A baseline import reads a
    million birth dates, most of them many times over, so each is parsed once."""
    if not ISO_DATE.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def choice(errors: Errors, field: str, value: Any, options, *, required: bool = True):
    """One of the allowed options, or None."""
    if value is None:
        if required:
            errors.add(field, Problem("choice.required", options=tuple(options)))
        return None
    if value not in options:
        errors.add(
            field, Problem("choice.invalid", value=value, options=tuple(options))
        )
        return None
    return value


def whole_number(errors: Errors, field: str, value: Any, *, minimum: int = 0):
    """A whole number at least `minimum`, or None."""
    if isinstance(value, bool) or not isinstance(value, int):
        errors.add(field, Problem("field.whole_number"))
        return None
    if value < minimum:
        errors.add(field, Problem("field.minimum", minimum=minimum))
        return None
    return value


def listing(errors: Errors, field: str, value: Any, *, required: bool = True):
    """A list, or an empty list after recording why it is not one."""
    if value is None:
        if required:
            errors.add(field, Problem("list.required"))
        return []
    if not isinstance(value, list):
        errors.add(field, Problem("field.list"))
        return []
    return value


def mapping(errors: Errors, field: str, value: Any) -> dict:
    """A JSON object, or an empty dict after recording why it is not one."""
    if not isinstance(value, dict):
        errors.add(field, Problem("field.object"))
        return {}
    return value


def object_body(body: Any) -> tuple[Errors, dict]:
    """A fresh collector and the request body, which must be a JSON object."""
    errors = Errors()
    body = mapping(errors, "body", body)
    errors.raise_any()
    return errors, body


def boolean(errors: Errors, field: str, value: Any):
    """true or false, or None."""
    if not isinstance(value, bool):
        errors.add(field, Problem("field.boolean"))
        return None
    return value
