"""Checkpoints and proofs over HTTP: anyone with a token can check one event, or
that the log only grew, against a checkpoint they keep."""

from __future__ import annotations

import json
from base64 import b64decode

import pytest
from click.testing import CliRunner

from dtks.cli import main
from events.backup import line_of
from events.integrity import note
from events.integrity.merkle import verify_consistency
from events.integrity.offline import check_event
from workflow.actors import command_line_actor

AUDIT = "/api/v1/audit"


@pytest.fixture
def key(monkeypatch, tmp_path):
    """The ledger's signing key, where DTKS_LEDGER_KEY names it."""
    monkeypatch.setenv("DTKS_LEDGER_KEY", str(tmp_path / "ledger-key.pem"))
    made = note.create_key(tmp_path / "ledger-key.pem")
    return note.read_verifier_key(note.verifier_key(note.origin(), made.public_key()))


def ok(response) -> dict:
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def errors_of(response) -> dict:
    assert response.status_code == 422, response.get_data(as_text=True)
    assert response.content_type == "application/problem+json"
    return response.get_json()["errors"]


def test_without_a_key_or_checkpoint_the_checkpoint_is_503_saying_why(
    api, monkeypatch, tmp_path
):
    monkeypatch.setenv("DTKS_LEDGER_KEY", str(tmp_path / "none.pem"))
    response = api.call("GET", f"{AUDIT}/checkpoint")
    assert response.status_code == 503
    assert response.content_type == "application/problem+json"
    assert "no signing key" in response.get_json()["detail"]


def test_a_key_file_that_is_no_key_is_503_saying_so(api, monkeypatch, tmp_path):
    (tmp_path / "broken.pem").write_text("not a key")
    monkeypatch.setenv("DTKS_LEDGER_KEY", str(tmp_path / "broken.pem"))
    response = api.call("GET", f"{AUDIT}/checkpoint")
    assert response.status_code == 503
    assert "is not a PEM private key" in response.get_json()["detail"]


def test_an_operator_checks_one_event_against_the_signed_checkpoint(api, key):
    # 1. Anyone with a token fetches the checkpoint; its signature holds.
    shown = ok(api.call("GET", f"{AUDIT}/checkpoint"))
    signed = note.verify(shown["note"], *key)
    assert (signed.size, shown["root"]) == (shown["size"], shown["note"].split()[2])

    # 2. The proof of one event holds hashes only for an operator...
    events = api.ledger.recorder.select_notifications(start=1, limit=10_000)
    event = events[len(events) // 2]
    proof = ok(api.call("GET", f"{AUDIT}/events/{event.id}/proof?size={signed.size}"))
    assert "event" not in proof
    assert check_event(signed, proof, line_of(event)).startswith("OK")

    # 3. ...and the event itself for a national admin.
    admin = ok(api.call("GET", f"{AUDIT}/events/{event.id}/proof", role="admin"))
    assert admin["event"] == line_of(event)


def test_the_log_only_grew_between_two_checkpoints(api, key):
    before = ok(api.call("GET", f"{AUDIT}/checkpoint"))
    api.ledger.add_user(
        command_line_actor(),
        {"name": "Auditor Baru", "role": "auditor"},
    )
    after = ok(api.call("GET", f"{AUDIT}/checkpoint"))
    assert after["size"] > before["size"]
    proof = ok(
        api.call("GET", f"{AUDIT}/consistency?from={before['size']}&to={after['size']}")
    )
    assert verify_consistency(
        before["size"],
        after["size"],
        b64decode(before["root"]),
        b64decode(after["root"]),
        [b64decode(h) for h in proof["proof"]],
    )


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/events/1/proof?size=\u00b2", "size"),
        ("/events/1/proof?size=0", "size"),
        ("/events/1/proof?size=999999", "size"),
        ("/events/1/proof?count=3", "count"),
        ("/events/%C2%B2/proof", "position"),
        ("/events/-1/proof", "position"),
        ("/consistency?to=3", "from"),
        ("/consistency?from=\u00b9&to=3", "from"),
        ("/consistency?from=5&to=3", "from"),
        ("/consistency?from=1&to=999999", "to"),
    ],
)
def test_a_bad_number_is_422_naming_the_field(api, key, path, field):
    assert field in errors_of(api.call("GET", AUDIT + path))


def test_an_unknown_position_is_404_and_no_token_is_401(api, key):
    assert api.call("GET", f"{AUDIT}/events/999999/proof").status_code == 404
    assert api.call("GET", f"{AUDIT}/checkpoint", role=None).status_code == 401


def test_verify_proof_needs_only_the_checkpoint_the_proof_and_the_event(
    api, key, tmp_path
):
    shown = ok(api.call("GET", f"{AUDIT}/checkpoint"))
    proof = ok(api.call("GET", f"{AUDIT}/events/3/proof", role="admin"))
    (tmp_path / "cp.txt").write_text(shown["note"])
    (tmp_path / "proof.json").write_text(json.dumps(proof))
    vkey = note.verifier_key(key[0], key[1])
    args = ["audit", "verify-proof", "--checkpoint", str(tmp_path / "cp.txt")]
    args += ["--proof", str(tmp_path / "proof.json"), "--key", vkey]
    result = CliRunner().invoke(main, args, env={"DTKS_LEDGER_KEY": "/nonexistent"})
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK: stream ")

    proof["event"]["state"] = proof["event"]["state"].replace('"', "'", 1)
    (tmp_path / "proof.json").write_text(json.dumps(proof))
    result = CliRunner().invoke(main, args, env={"DTKS_LEDGER_KEY": "/nonexistent"})
    assert result.exit_code == 1
    assert "is not event 3 of the" in result.output
