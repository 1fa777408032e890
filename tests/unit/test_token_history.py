"""Tokens recorded before tokens expired keep loading, and lapse after 90 days."""

from __future__ import annotations

import datetime as dt

import pytest
from eventsourcing.persistence import StoredEvent

from workflow.domain.tokens import Token, token_id
from workflow.errors import NotAuthenticated

TOKEN = "t" * 43


def stored_before_expiry(ledger, issued_at: dt.datetime) -> StoredEvent:
    """A `dtks.token.issued` event as version 1 stored it: no expires_at."""
    state = {
        "timestamp": issued_at,
        "originator_topic": "dtks.token",
        "user_id": "00000000-0000-0000-0000-000000000001",
        "by": {"id": "system", "name": "system", "role": "system"},
    }
    return StoredEvent(
        originator_id=token_id(TOKEN),
        originator_version=1,
        topic="dtks.token.issued",
        state=ledger.mapper.transcoder.encode(state),
    )


def test_a_token_issued_before_expiry_existed_expires_90_days_after_its_issue(
    ledger,
):
    issued_at = dt.datetime(2026, 1, 10, 8, 30, tzinfo=dt.UTC)
    event = ledger.mapper.to_domain_event(stored_before_expiry(ledger, issued_at))
    token = event.mutate(None)
    assert isinstance(token, Token)
    assert token.expires_at == "2026-04-10T08:30:00+00:00"
    assert not token.expired_at(dt.datetime(2026, 4, 10, 8, 29, tzinfo=dt.UTC))
    assert token.expired_at(dt.datetime(2026, 4, 10, 8, 30, tzinfo=dt.UTC))


def test_a_new_token_records_its_expiry_on_the_event_that_issues_it(ledger):
    from workflow.actors import command_line_actor

    _user, token = ledger.add_user(
        command_line_actor(), {"name": "Ani", "role": "ministry"}
    )
    [issued] = [
        n
        for n in ledger.recorder.select_notifications(None, 100)
        if n.topic == "dtks.token.issued"
    ]
    state = ledger.mapper.transcoder.decode(issued.state)
    assert state["class_version"] == 2
    assert state["expires_at"] == token.expires_at


def test_the_ledger_refuses_a_token_whose_day_has_passed(ledger):
    from workflow.actors import command_line_actor

    _user, token = ledger.add_user(
        command_line_actor(),
        {"name": "Ani", "role": "ministry", "expires_in_days": 1},
    )
    assert ledger.authenticate(token).name == "Ani"
    tomorrow = dt.datetime.now(dt.UTC) + dt.timedelta(days=1, seconds=1)
    ledger.clock = lambda: tomorrow
    with pytest.raises(NotAuthenticated) as refused:
        ledger.authenticate(token)
    assert refused.value.message.code == "token.expired"
