"""Query parameters: only the named ones, and whole numbers in ASCII digits."""

from __future__ import annotations

import re

from flask import request

from workflow.fields import Errors
from workflow.problems import Problem

DIGITS = re.compile(r"[0-9]{1,19}")  # int() of 4,300 digits or more raises


def given_only(*names: str) -> Errors:
    """The request's errors so far: every query parameter not among `names`.

    A misspelt filter (`desa=` for `region=`) would otherwise be ignored, and
    the answer would look like the filtered one while it is not.
    """
    errors = Errors()
    for name in request.args:
        if name not in names:
            errors.add(
                name,
                Problem("query.unknown", name=name, takes=names)
                if names
                else Problem("query.none", name=name),
            )
    return errors


def number(errors: Errors, name: str, default: int, top: int, low: int = 0) -> int:
    """A whole number from `low` to `top` (`str.isdigit` would take "²")."""
    value = request.args.get(name, "")
    if value == "":
        return default
    if not DIGITS.fullmatch(value) or not low <= int(value) <= top:
        errors.add(name, f"{name} is a whole number from {low} to {top}")
        return default
    return int(value)
