"""Backup and restore: the restored store answers exactly as the original did,
SQLite and PostgreSQL in every direction."""

from __future__ import annotations

import json
import uuid

import psycopg
import pytest
from click.testing import CliRunner

from dtks.cli import main
from events.readside import ReadSide
from tests.conftest import POSTGRES_URL
from tests.support import DESA, a_year_of_kedungmalang, add_body, make_actors
from workflow.app import open_ledger
from workflow.errors import ProposalConflict

DAYS = ("2025-12-31", "2026-01-01", "2026-03-14", "2026-03-15", "2026-06-01")


@pytest.fixture
def new_store(request, tmp_path):
    """Makes empty stores of a kind: a new SQLite file or a new schema."""
    schemas = []

    def make(kind: str) -> str:
        if kind == "sqlite":
            return f"sqlite:///{tmp_path}/{uuid.uuid4().hex}.sqlite3"
        request.getfixturevalue("postgres_url")  # skips or fails without a server
        schema = f"test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        schemas.append(schema)
        return f"{POSTGRES_URL}?schema={schema}"

    yield make
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        for schema in schemas:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def answers(url: str, niks: list[str]) -> dict:
    """Every registry, as-of, history and audit answer a user could ask for."""
    ledger = open_ledger(url)
    read = ReadSide(ledger)
    registry = read.fresh()
    audit, _ = read.audit(None, 0, 100_000)
    found = {
        "families": [registry.families(DESA, day, "", 100) for day in DAYS],
        "stats": [registry.stats("33.20", day) for day in DAYS],
        "people": [[registry.person(nik, day) for day in DAYS] for nik in niks],
        "history": [registry.history(nik) for nik in niks],
        "audit": [{k: v for k, v in item.items() if k != "position"} for item in audit],
    }
    read.close()
    ledger.close()
    return found


def cli(url: str, *args: str):
    return CliRunner().invoke(main, args, env={"DTKS_DATABASE_URL": url})


@pytest.mark.parametrize(
    ("source_kind", "target_kind"),
    [
        ("sqlite", "sqlite"),
        ("postgres", "postgres"),
        ("sqlite", "postgres"),
        ("postgres", "sqlite"),
    ],
)
def test_restore_answers_every_query_as_the_original(
    new_store, tmp_path, source_kind, target_kind
):
    source, target = new_store(source_kind), new_store(target_kind)
    ledger = open_ledger(source)
    actors = make_actors(ledger)
    families = a_year_of_kedungmalang(ledger, actors)
    ledger.close()
    niks = [m["nik"] for _, members in families for m in members]
    backup = tmp_path / "dtks-backup.jsonl"

    exported = cli(source, "export-events", str(backup))
    restored = cli(target, "import-events", str(backup))

    assert exported.exit_code == 0 and restored.exit_code == 0, restored.output
    original = answers(source, niks)
    assert original["audit"] and all(original["history"])
    assert [len(page[0]) for page in original["families"]] == [0, 2, 3, 3, 3]
    assert answers(target, niks) == original
    trailer = json.loads(backup.read_text().splitlines()[-1])
    assert trailer["events"] == len(backup.read_text().splitlines()) - 2

    # The restored store keeps working, and its rules still hold.
    ledger = open_ledger(target)
    actors = make_actors(ledger)
    _kk_number, members = families[1]
    with pytest.raises(ProposalConflict, match="already registered"):
        ledger.submit_proposal(
            actors["operator"], add_body("3320010101200099", members[:1])
        )
    ledger.close()


@pytest.fixture
def small_backup(new_store, tmp_path):
    """A backup of a store holding only accounts, and an empty SQLite target."""
    source, target = new_store("sqlite"), new_store("sqlite")
    ledger = open_ledger(source)
    make_actors(ledger)
    ledger.close()
    backup = tmp_path / "b.jsonl"
    cli(source, "export-events", str(backup))
    return backup, target


def test_a_restore_into_a_store_with_events_is_refused(small_backup):
    backup, target = small_backup
    busy = open_ledger(target)
    make_actors(busy)
    before = busy.recorder.max_notification_id()
    result = cli(target, "import-events", str(backup))
    assert result.exit_code != 0
    assert "already holds events" in result.output
    assert busy.recorder.max_notification_id() == before


def test_a_cut_short_backup_names_the_problem_and_writes_nothing(small_backup):
    backup, target = small_backup
    lines = backup.read_text().splitlines()
    backup.write_text("\n".join([*lines[:-3], '{"position": 99, "topic"']) + "\n")
    result = cli(target, "import-events", str(backup))
    assert result.exit_code != 0
    assert f"line {len(lines) - 2}: not valid JSON" in result.output
    assert not open_ledger(target).recorder.max_notification_id()


def test_a_backup_without_its_closing_line_is_refused(small_backup):
    backup, target = small_backup
    lines = backup.read_text().splitlines()
    backup.write_text("\n".join(lines[:-2]) + "\n")
    result = cli(target, "import-events", str(backup))
    assert result.exit_code != 0 and "cut short" in result.output
    assert not open_ledger(target).recorder.max_notification_id()
