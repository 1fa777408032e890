"""Signing in with a username and password: hashing, lock-out, events."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from workflow.actors import command_line_actor
from workflow.errors import Conflict, InvalidInput, NotAuthenticated, OutOfScope
from workflow.usecases.signin import AccountLocked

PASSWORD = "kedungmalang-2026"
NOW = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


@pytest.fixture
def operator(ledger):
    """An operator account named dwi with a password."""
    body = {"name": "Dwi Rahmawati", "role": "operator", "region": "33.20.01.2001"}
    user, _ = ledger.add_user(command_line_actor(), {**body, "username": "Dwi"})
    ledger.set_password(command_line_actor(), "dwi", PASSWORD)
    return user


def topics(ledger, user) -> list[str]:
    return [type(e).TOPIC for e in ledger.events.get(user.id)]


def test_an_account_signs_in_with_its_username_in_any_letter_case(ledger, operator):
    actor = ledger.sign_in("DWI", PASSWORD, NOW)
    assert (actor.id, actor.role, actor.region) == (
        str(operator.id),
        "operator",
        "33.20.01.2001",
    )
    assert topics(ledger, operator)[-1] == "dtks.user.signed_in"


def test_only_the_argon2_hash_of_a_password_is_recorded(ledger, operator):
    recorded = [
        e for e in ledger.events.get(operator.id) if hasattr(e, "password_hash")
    ]
    assert recorded[0].password_hash.startswith("$argon2id$")
    assert PASSWORD not in recorded[0].password_hash


def test_a_wrong_password_and_an_unknown_username_get_the_same_answer(ledger, operator):
    with pytest.raises(NotAuthenticated) as wrong:
        ledger.sign_in("dwi", "not-the-password", NOW)
    with pytest.raises(NotAuthenticated) as unknown:
        ledger.sign_in("nobody", PASSWORD, NOW)
    assert str(wrong.value) == str(unknown.value)
    assert topics(ledger, operator)[-1] == "dtks.user.sign_in_failed"


def test_five_failures_lock_the_account_for_fifteen_minutes(ledger, operator):
    for _ in range(5):
        with pytest.raises(NotAuthenticated):
            ledger.sign_in("dwi", "wrong-password", NOW)
    assert topics(ledger, operator)[-2:] == [
        "dtks.user.sign_in_failed",
        "dtks.user.locked_out",
    ]
    with pytest.raises(AccountLocked):  # even the right password, meanwhile
        ledger.sign_in("dwi", PASSWORD, NOW + timedelta(minutes=14))
    assert ledger.sign_in("dwi", PASSWORD, NOW + timedelta(minutes=15)).name


def test_an_admin_unlocks_a_locked_account(ledger, operator):
    for _ in range(5):
        with pytest.raises(NotAuthenticated):
            ledger.sign_in("dwi", "wrong-password", NOW)
    ledger.unlock(command_line_actor(), operator.id)
    assert ledger.sign_in("dwi", PASSWORD, NOW).name == "Dwi Rahmawati"
    assert "dtks.user.unlocked" in topics(ledger, operator)


def test_a_password_shorter_than_ten_characters_is_refused(ledger, operator):
    with pytest.raises(InvalidInput) as refused:
        ledger.set_password(command_line_actor(), "dwi", "short")
    assert "10 characters" in refused.value.errors["password"][0]


def test_a_user_may_set_only_its_own_password(ledger, operator, actors):
    actor = ledger.sign_in("dwi", PASSWORD, NOW)
    ledger.set_password(actor, "dwi", "a-new-long-password")
    assert ledger.sign_in("dwi", "a-new-long-password", NOW).id == actor.id
    body = {"name": "Nur Kholis", "role": "verifier", "region": "33.20"}
    ledger.add_user(command_line_actor(), {**body, "username": "nur"})
    with pytest.raises(OutOfScope):
        ledger.set_password(actor, "nur", "another-long-password")


def test_a_username_is_given_once(ledger, operator):
    body = {"name": "Someone Else", "role": "auditor", "username": "dwi"}
    with pytest.raises(Conflict, match="dwi is taken"):
        ledger.add_user(command_line_actor(), body)


def test_sign_out_is_an_event_of_the_account(ledger, operator):
    ledger.sign_out(ledger.sign_in("dwi", PASSWORD, NOW))
    assert topics(ledger, operator)[-1] == "dtks.user.signed_out"
