"""Turning aggregates and their events into the JSON the API shows."""

from __future__ import annotations

from typing import Any

HIDDEN = {"originator_id", "originator_version", "timestamp", "by", "originator_topic"}


def stamp_time(aggregate: Any) -> str:
    """When the record was created, in UTC ISO 8601."""
    return aggregate.created_on.isoformat()


def user(record: Any) -> dict:
    """An account as every user is shown."""
    return {
        "id": str(record.id),
        "name": record.name,
        "role": record.role,
        "region": record.region,
    }


def account(record: Any) -> dict:
    """An account as the admin manages it: with whether it is disabled."""
    return {**user(record), "disabled": record.disabled}


def proposal(record: Any) -> dict:
    """A proposal as every representation shows it."""
    return {
        "id": str(record.id),
        "kind": record.kind,
        "status": record.status,
        "desa": record.desa,
        "version": record.version,
        "family": record.family,
        "members": record.members,
        "criteria": record.criteria,
        "reason": record.reason,
        "note": record.note,
        "submitted_by": record.submitted_by,
        "submitted_at": stamp_time(record),
        "deliberation_id": record.deliberation_id,
        "rejected_stage": record.rejected_stage,
    }


def timeline(events: list[Any]) -> list[dict]:
    """Every event of a record, oldest first: type, at, by, details."""
    return [
        {
            "type": type(event).TOPIC,
            "at": event.timestamp.isoformat(),
            "by": event.by,
            "details": {k: v for k, v in event.__dict__.items() if k not in HIDDEN},
        }
        for event in events
    ]


def deliberation(record: Any) -> dict:
    """A deliberation with its minutes and decisions."""
    return {
        "id": str(record.id),
        "desa": record.desa,
        "status": record.status,
        "version": record.version,
        "held_on": record.held_on,
        "minutes_number": record.minutes_number,
        "chaired_by": record.chaired_by,
        "attendees": record.attendees,
        "decisions": record.decisions,
        "opened_by": record.opened_by,
        "opened_at": stamp_time(record),
        "camat_note": record.camat_note,
    }


def ratification(record: Any) -> dict:
    """A regent's or mayor's decree."""
    return {
        "id": str(record.id),
        "kabkota": record.kabkota,
        "decree_number": record.decree_number,
        "signed_on": record.signed_on,
        "proposal_ids": record.proposal_ids,
        "version": record.version,
        "signed_by": record.signed_by,
    }


def determination(record: Any) -> dict:
    """The ministry's determination and how many proposals took effect."""
    return {
        "id": str(record.id),
        "period": record.period,
        "decree_number": record.decree_number,
        "effective_on": record.effective_on,
        "proposal_ids": record.proposal_ids,
        "applied": record.applied,
        "version": record.version,
        "made_by": record.made_by,
    }
