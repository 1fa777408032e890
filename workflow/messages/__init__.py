"""The message catalogue: each problem code worded in English and Indonesian.

A template is a `str.format` pattern over the problem's parameters. A format
spec that names a vocabulary (`{status:status}`) words the value in the
reader's language; `list:` and `or:` join a sequence (`{roles:or:role}`).
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

from workflow.messages.accounts import ACCOUNTS
from workflow.messages.domain import DOMAIN
from workflow.messages.fields import FIELDS
from workflow.messages.oversight import OVERSIGHT
from workflow.messages.terms import JOINERS, TERMS

LANGUAGES = ("en", "id")
CATALOGUE: dict[str, dict[str, str]] = {**FIELDS, **DOMAIN, **ACCOUNTS, **OVERSIGHT}


class _Wording(string.Formatter):
    """Formats parameters for one language, wording vocabulary and nested problems."""

    def __init__(self, language: str):
        self.language = language

    def format_field(self, value: Any, format_spec: str) -> str:
        """Word `value` by its spec: a joiner, a vocabulary, or a plain format."""
        joiner, _, rest = format_spec.partition(":")
        if joiner in JOINERS and isinstance(value, list | tuple):
            parts = [self.format_field(item, rest) for item in value]
            return JOINERS[joiner][self.language].join(parts)
        if hasattr(value, "render"):  # a Problem inside a Problem
            return value.render(self.language)
        vocabulary = TERMS.get(format_spec)
        if vocabulary is not None:
            words = vocabulary.get(value)
            return words.get(self.language, words["en"]) if words else str(value)
        return super().format_field(value, format_spec)


_WORDING = {language: _Wording(language) for language in LANGUAGES}


def render(code: str, params: Mapping[str, Any], language: str) -> str:
    """The message of `code` in `language`, English when it has no such wording."""
    templates = CATALOGUE[code]
    template = templates.get(language, templates["en"])
    return _WORDING.get(language, _WORDING["en"]).vformat(template, (), params)
