"""Declaring events: a fixed topic, a class version, and a catalogue entry each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eventsourcing.domain import Aggregate, event

CLASS_VERSION = 1


@dataclass(frozen=True)
class Entry:
    """One line of the event catalogue."""

    topic: str
    meaning: str
    caused_by: str


CATALOGUE: dict[str, Entry] = {}


def fact(name: str, topic: str, meaning: str, caused_by: str) -> Any:
    """Decorate an aggregate method as the event `name` with an explicit topic."""
    CATALOGUE[topic] = Entry(topic, meaning, caused_by)
    return event(name, topic=topic)


def catalogued(meaning: str, caused_by: str) -> Any:
    """Enter an explicitly declared event class (one with a TOPIC) in the catalogue."""

    def enter(event_cls: type) -> type:
        topic = vars(event_cls)["TOPIC"]
        CATALOGUE[topic] = Entry(topic, meaning, caused_by)
        return event_cls

    return enter


def versioned(aggregate_cls: type) -> type:
    """Give every event class of an aggregate an explicit `class_version`.

    A change of an event's shape raises the version and adds an upcaster, so
    history recorded under the old shape keeps loading.
    """
    for value in vars(aggregate_cls).values():
        is_event = isinstance(value, type) and getattr(value, "TOPIC", None)
        if is_event and "class_version" not in vars(value):
            value.class_version = CLASS_VERSION
    return aggregate_cls


class LedgerAggregate(Aggregate):
    """Base of the ledger's aggregates: each names its own creation event.

    The library's generic ``Created`` event is switched off so that every stored
    event carries a domain topic such as ``dtks.proposal.submitted``.
    """

    @classmethod
    def baselined(cls, **fields: Any) -> Any:
        """A new aggregate as a baseline import records it: by its `Baselined` event.

        The stream id is derived from the fields, as for every other creation.
        """
        return cls._create(cls.Baselined, **fields)  # type: ignore[attr-defined]


# Defining the class gave it a generic creation event; remove it so subclasses,
# which all name their own creation event, do not inherit one without a topic.
LedgerAggregate.Created = None  # type: ignore[assignment,misc]
