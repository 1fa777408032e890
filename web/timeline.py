"""A proposal's timeline as the page shows it: step, when, who, which document."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from api import present
from web.labels import label
from workflow.actors import Actor
from workflow.errors import WorkflowError


def steps(ledger: Any, actor: Actor, timeline: list[dict]) -> list[dict]:
    """Every event of the timeline, with the document each step rests on."""
    minutes: dict[str, str] = {}
    shown = []
    for event in timeline:
        details = event["details"]
        shown.append(
            {
                "step": label(event["type"], "event"),
                "at": event["at"][:16].replace("T", " "),
                "by": event["by"],
                "document": _document(ledger, actor, details, minutes),
                "note": details.get("note") or details.get("reason"),
            }
        )
    return shown


def proposal_steps(ledger: Any, actor: Actor, record: Any) -> list[dict]:
    """The timeline of a proposal the actor may read, as the page shows it."""
    return steps(ledger, actor, present.timeline(ledger.events.get(record.id)))


def _document(ledger, actor, details: dict, minutes: dict) -> str:
    if details.get("deliberation_id"):
        return _minutes(ledger, actor, details["deliberation_id"], minutes)
    if details.get("decree_number"):
        return _("SK %(number)s", number=details["decree_number"])
    if decree := details.get("decree"):
        return _(
            "Penetapan %(number)s, periode %(period)s, berlaku %(on)s",
            number=decree.get("decree_number"),
            period=decree.get("period"),
            on=decree.get("effective_on"),
        )
    if verval := details.get("verval"):
        return _("Verval %(on)s", on=verval.get("checked_on"))
    return ""


def _minutes(ledger, actor, deliberation_id: str, cache: dict) -> str:
    if deliberation_id not in cache:
        try:
            found = ledger.deliberation(actor, deliberation_id)
            cache[deliberation_id] = _(
                "Berita acara %(number)s (%(on)s)",
                number=found.minutes_number,
                on=found.held_on,
            )
        except WorkflowError:
            cache[deliberation_id] = ""
    return cache[deliberation_id]
