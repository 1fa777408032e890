"""The event catalogue: every topic, what it means, and who may cause it."""

from __future__ import annotations

from workflow.domain import (
    accounts,
    baseline,
    decrees,
    deliberation,
    family,
    person,
    proposal,
    receipts,
    tokens,
    usernames,
)
from workflow.domain.facts import CATALOGUE, Entry

AGGREGATES = (
    proposal.Proposal,
    deliberation.Deliberation,
    decrees.Ratification,
    decrees.Determination,
    person.Person,
    family.Family,
    accounts.User,
    tokens.Token,
    usernames.Username,
    receipts.Receipt,
    baseline.Baseline,
)


def event_classes() -> list[type]:
    """Every event class of every aggregate, in catalogue order."""
    found = []
    for aggregate in AGGREGATES:
        for value in vars(aggregate).values():
            if isinstance(value, type) and getattr(value, "TOPIC", None):
                found.append(value)
    return found


def entries() -> list[Entry]:
    """The catalogue, in the order the aggregates and their events are defined."""
    return [CATALOGUE[cls.TOPIC] for cls in event_classes()]


def markdown() -> str:
    """The catalogue as a Markdown table (docs/EVENTS.md)."""
    lines = [
        "# Event catalogue",
        "",
        "Generated from the code by `dtks catalogue`; a test keeps it in sync.",
        "Every event also records `by` (id, name, role) and its UTC timestamp.",
        "",
        "| topic | meaning | caused by |",
        "|---|---|---|",
    ]
    lines += [f"| `{e.topic}` | {e.meaning} | {e.caused_by} |" for e in entries()]
    return "\n".join(lines) + "\n"
