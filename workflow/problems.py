"""A problem with a request: a code and its parameters, worded at the edge."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from workflow.messages import LANGUAGES, render


class Problem(str):
    """One thing wrong, as a catalogue code and its parameters.

    As a string it is the English message, so logs, reports and callers that
    only want words keep reading the same text; `render` words it for a reader.
    """

    code: str
    params: dict[str, Any]

    def __new__(cls, code: str, /, **params: Any) -> Problem:
        """The problem `code` with `params`; its string value is the English."""
        self = super().__new__(cls, render(code, params, "en"))
        self.code, self.params = code, params
        return self

    def render(self, language: str) -> str:
        """The message in `language` (English when the catalogue lacks it)."""
        return render(self.code, self.params, language)

    def __reduce__(self) -> tuple:
        return _rebuilt, (self.code, self.params)


def _rebuilt(code: str, params: dict[str, Any]) -> Problem:
    return Problem(code, **params)


def worded(message: str, language: str) -> str:
    """A message for a reader of `language`: a Problem is rendered, text kept."""
    return message.render(language) if isinstance(message, Problem) else message


def worded_fields(
    errors: Mapping[str, list[str]], language: str
) -> dict[str, list[str]]:
    """Field errors (InvalidInput.errors) worded for a reader, on the same paths."""
    return {
        field: [worded(message, language) for message in messages]
        for field, messages in errors.items()
    }


__all__ = ["LANGUAGES", "Problem", "worded", "worded_fields"]
