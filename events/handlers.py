"""Every read model's handlers together, for code that projects them all at once."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import cache
from typing import Any

from events import (  # noqa: F401 (registration)
    activity,
    chain,
    projections,
    records,
    trail,
)
from events.schema import MODELS

KEY_ORDERED = trail.KEY_ORDERED


@cache
def _for(topic: str) -> Callable[[Any, str, dict, int], None] | None:
    found = [h for model in MODELS if (h := model.handler(topic)) is not None]
    if not found:
        return None

    def apply(cur, sid: str, data: dict, position: int) -> None:
        data["_topic"] = topic
        for handler in found:
            handler(cur, sid, data, position)

    return apply


class _AllHandlers(Mapping):
    """topic -> one function applying the event to every read model that uses it."""

    def __getitem__(self, topic: str):
        handler = _for(topic)
        if handler is None:
            raise KeyError(topic)
        return handler

    def __iter__(self) -> Iterator[str]:
        return iter(sorted({t for m in MODELS for t in m.handlers if t != "*"}))

    def __len__(self) -> int:
        return sum(1 for _ in self)


HANDLERS = _AllHandlers()
