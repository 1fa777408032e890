"""JSON answers written straight from read-model rows.

A list's rows already have the shape its schema documents, so they are
serialised once with orjson instead of field by field by marshmallow, which
cost more than the query on a page of fifty proposals.
"""

from __future__ import annotations

from typing import Any

import orjson
from flask import Response


def json_answer(value: Any, status: int = 200) -> Response:
    """A JSON response of a value that is JSON already (dicts, lists, strings)."""
    return Response(orjson.dumps(value), status=status, mimetype="application/json")


def page(items: list, cursor: str | None) -> Response:
    """One page of a list: its items and the cursor of the next page."""
    return json_answer({"items": items, "next_cursor": cursor})
