"""Backups carry the checkpoint of their events: a restore refuses a changed file,
and the restored log still answers to checkpoints published before it."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dtks.cli import main
from events.integrity import note
from tests.integration.tamper import EventTable
from tests.support import make_actors
from workflow.app import open_ledger


def dtks(url: str, key, *args: str):
    env = {"DTKS_DATABASE_URL": url, "DTKS_LEDGER_KEY": str(key)}
    return CliRunner().invoke(main, args, env=env)


@pytest.fixture
def backup(postgres_url, tmp_path):
    """A PostgreSQL log with a gap in its positions, a checkpoint, and its backup."""
    key = tmp_path / "key.pem"
    note.create_key(key)
    ledger = open_ledger(postgres_url)
    make_actors(ledger)
    table = EventTable(postgres_url, ledger.recorder.events_table_name)
    table.run("SELECT setval(pg_get_serial_sequence('stored_events', 'ID'), 500)")
    table.close()
    make_actors(ledger)
    ledger.close()
    published = tmp_path / "published.txt"
    made = dtks(postgres_url, key, "audit", "checkpoint", "--out", str(published))
    assert made.exit_code == 0, made.output
    file = tmp_path / "backup.jsonl"
    assert dtks(postgres_url, key, "export-events", str(file)).exit_code == 0
    return key, published, file


def test_a_restored_log_answers_to_the_checkpoint_published_before_it(
    backup, sqlite_url
):
    key, published, file = backup
    trailer = json.loads(file.read_text().splitlines()[-1])
    assert note.parse(trailer["checkpoint"]).size == trailer["events"]

    restored = dtks(sqlite_url, key, "import-events", str(file))
    assert restored.exit_code == 0, restored.output
    assert "signature holds" in restored.output

    result = dtks(sqlite_url, key, "audit", "verify", "--checkpoint", str(published))
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"OK: {trailer['events']} events match")


def test_a_backup_with_one_changed_event_is_refused_and_nothing_restored(
    backup, sqlite_url
):
    key, _published, file = backup
    lines = file.read_text().splitlines()
    event = json.loads(lines[4])
    event["state"] = event["state"].replace("Test", "Tost", 1)
    lines[4] = json.dumps(event)
    file.write_text("\n".join(lines) + "\n")

    result = dtks(sqlite_url, key, "import-events", str(file))
    assert result.exit_code == 1
    assert "do not match the checkpoint's root" in result.output
    assert "nothing was restored" in result.output
    assert not open_ledger(sqlite_url).recorder.max_notification_id()


def test_a_backup_signed_by_another_key_is_refused(backup, sqlite_url, tmp_path):
    _key, _published, file = backup
    other = tmp_path / "other.pem"
    note.create_key(other)
    result = dtks(sqlite_url, other, "import-events", str(file))
    assert result.exit_code == 1
    assert "no valid signature" in result.output
