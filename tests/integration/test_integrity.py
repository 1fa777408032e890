"""Tamper evidence on SQLite and PostgreSQL: whoever edits, deletes, moves or cuts
events in the database behind the application's back is named by position."""

from __future__ import annotations

import threading
from base64 import b64decode
from concurrent.futures import ThreadPoolExecutor

import pytest
from click.testing import CliRunner

from dtks.cli import main
from events.backup import line_of
from events.db import ReadStore
from events.integrity import note
from events.integrity.merkle import verify_consistency
from events.integrity.offline import check_event
from events.integrity.proofs import checkpoint, consistency, inclusion
from events.integrity.seal import seal
from tests.integration.tamper import EventTable
from tests.support import add_body, family_of_three, make_actors
from workflow.app import open_ledger


@pytest.fixture
def log(store_url, tmp_path):
    """A store with accounts and three proposals, its key, and a way to run dtks."""
    ledger = open_ledger(store_url)
    actors = make_actors(ledger)
    for serial in (1, 3, 5):
        kk_number, members = family_of_three(serial)
        ledger.submit_proposal(actors["operator"], add_body(kk_number, members))
    env = {"DTKS_DATABASE_URL": store_url, "DTKS_LEDGER_KEY": str(tmp_path / "k.pem")}

    def dtks(*args: str):
        return CliRunner().invoke(main, args, env=env)

    assert dtks("keys", "init").exit_code == 0
    table = EventTable(store_url, ledger.recorder.events_table_name)
    yield dtks, table, ledger
    table.close()
    ledger.close()


def test_an_untouched_log_verifies(log):
    dtks, table, _ = log
    result = dtks("audit", "verify")
    assert result.exit_code == 0
    assert result.output.startswith(f"OK: {len(table.positions())} events match")


def test_an_edited_event_is_named_by_its_position(log):
    dtks, table, _ = log
    assert dtks("audit", "verify").exit_code == 0  # sealed
    position = table.positions()[5]
    table.edit(position)
    result = dtks("audit", "verify")
    assert result.exit_code == 1
    verdict = f"edited: position {position} does not hold what was sealed there"
    assert result.output == f"TAMPERED: {verdict}\n"


def test_a_deleted_event_is_named_by_its_position(log):
    dtks, table, _ = log
    assert dtks("audit", "verify").exit_code == 0
    position = table.positions()[3]
    table.delete(position)
    result = dtks("audit", "verify")
    assert result.exit_code == 1
    assert f"deleted: position {position} is missing" in result.output


def test_two_swapped_events_are_named_as_reordered(log):
    dtks, table, _ = log
    assert dtks("audit", "verify").exit_code == 0
    first, second = table.positions()[7:9]
    table.swap(first, second)
    result = dtks("audit", "verify")
    assert result.exit_code == 1
    assert (
        f"reordered: position {first} holds the event sealed at {second}"
        in result.output
    )


def test_a_cut_tail_is_named_against_the_seal_and_against_a_checkpoint(log, tmp_path):
    dtks, table, _ = log
    cp = tmp_path / "cp.txt"
    assert dtks("audit", "checkpoint", "--out", str(cp)).exit_code == 0
    positions = table.positions()
    table.delete(*positions[-4:])

    result = dtks("audit", "verify")
    assert result.exit_code == 1
    assert (
        f"truncated: position {positions[-4]} and the 3 sealed events after it are "
        "missing: the log ends before it"
    ) in result.output

    table.run("DELETE FROM rm_merkle_leaf WHERE idx >= ?", len(positions) - 4)
    table.run("DELETE FROM rm_merkle_checkpoint")
    table.run(
        "UPDATE rm_merkle_tracking SET size = ?, position = ?",
        len(positions) - 4,
        positions[-5],
    )
    assert dtks("audit", "verify").exit_code == 0  # the seal was cut as well
    result = dtks("audit", "verify", "--checkpoint", str(cp))
    assert result.exit_code == 1
    assert (
        f"truncated: the checkpoint covers {len(positions)} events but the log holds "
        f"{len(positions) - 4}; every event after position {positions[-5]} is missing"
    ) in result.output


def test_a_seal_rewritten_with_the_log_is_caught_by_the_signed_checkpoint(
    log, tmp_path
):
    dtks, table, _ledger = log
    cp = tmp_path / "cp.txt"
    assert dtks("audit", "checkpoint", "--out", str(cp)).exit_code == 0
    table.edit(table.positions()[2])
    for name in ("rm_merkle_leaf", "rm_merkle_node", "rm_merkle_checkpoint"):
        table.run(f"DELETE FROM {name}")
    table.run("UPDATE rm_merkle_tracking SET size = 0, position = 0")

    result = dtks("audit", "verify", "--checkpoint", str(cp))
    assert result.exit_code == 1
    assert "no longer match the checkpoint's root" in result.output


def test_every_event_proves_its_place_under_a_signed_checkpoint(log, tmp_path):
    _dtks, _table, ledger = log
    store = ReadStore(ledger.env)
    key = note.create_key(tmp_path / "signer.pem")
    signed = checkpoint(ledger, store, key)
    name, public = note.read_verifier_key(
        note.verifier_key(note.origin(), key.public_key())
    )
    assert note.verify(signed.text, name, public) == signed
    events = ledger.recorder.select_notifications(start=1, limit=1000)
    assert signed.size == len(events)
    for event in events:
        proof = inclusion(ledger, store, event.id, signed.size)
        assert check_event(signed, proof, line_of(event)).startswith("OK")
    proof = inclusion(ledger, store, events[0].id, None)
    with pytest.raises(note.CheckpointError, match="is not event 1 of the"):
        check_event(signed, proof, line_of(events[1]))


def test_a_later_tree_proves_it_only_grew_from_an_earlier_one(log):
    _dtks, _table, ledger = log
    store = ReadStore(ledger.env)
    before = consistency(ledger, store, 1, None)["to"]
    make_actors(ledger)
    proof = consistency(ledger, store, before, None)
    assert proof["to"] > before
    assert verify_consistency(
        before,
        proof["to"],
        b64decode(proof["from_root"]),
        b64decode(proof["to_root"]),
        [b64decode(h) for h in proof["proof"]],
    )


def test_positions_after_a_gap_keep_their_numbers_and_are_still_checked(
    postgres_url, tmp_path
):
    ledger = open_ledger(postgres_url)
    make_actors(ledger)
    table = EventTable(postgres_url, ledger.recorder.events_table_name)
    # A failed transaction leaves its sequence numbers unused; here 1000 at once.
    table.run("SELECT setval(pg_get_serial_sequence('stored_events', 'ID'), 1000)")
    make_actors(ledger)
    store = ReadStore(ledger.env)
    events = ledger.recorder.select_notifications(start=1, limit=1000)
    index, after_gap = next((i, e) for i, e in enumerate(events) if e.id > 1000)

    proof = inclusion(ledger, store, after_gap.id, None)
    assert (proof["position"], proof["index"]) == (after_gap.id, index)
    assert index < after_gap.id - 1

    table.edit(events[-2].id)
    env = {"DTKS_DATABASE_URL": postgres_url, "DTKS_LEDGER_KEY": str(tmp_path / "k")}
    result = CliRunner().invoke(main, ["audit", "verify"], env=env)
    assert result.exit_code == 1
    assert f"edited: position {events[-2].id} " in result.output
    table.close()
    ledger.close()


def test_the_demo_verifies_and_a_tampered_copy_names_the_position(store_url, tmp_path):
    env = {"DTKS_DATABASE_URL": store_url, "DTKS_LEDGER_KEY": str(tmp_path / "k")}

    def dtks(*args: str):
        return CliRunner().invoke(main, args, env=env)

    assert dtks("demo", "--json").exit_code == 0
    assert dtks("keys", "init").exit_code == 0
    assert dtks("audit", "checkpoint").exit_code == 0
    result = dtks("audit", "verify")
    assert result.exit_code == 0 and result.output.startswith("OK: "), result.output

    ledger = open_ledger(store_url)
    table = EventTable(store_url, ledger.recorder.events_table_name)
    position = table.positions()[-100]
    table.edit(position)
    table.close()
    ledger.close()
    result = dtks("audit", "verify")
    assert result.exit_code == 1
    assert f"edited: position {position} " in result.output


def test_an_event_forged_into_a_gap_or_moved_into_one_is_named(postgres_url, tmp_path):
    ledger = open_ledger(postgres_url)
    make_actors(ledger)
    table = EventTable(postgres_url, ledger.recorder.events_table_name)
    table.run("SELECT setval(pg_get_serial_sequence('stored_events', 'ID'), 1000)")
    make_actors(ledger)
    env = {"DTKS_DATABASE_URL": postgres_url, "DTKS_LEDGER_KEY": str(tmp_path / "k")}

    def verdict() -> str:
        return CliRunner().invoke(main, ["audit", "verify"], env=env).output

    assert verdict().startswith("OK: ")
    before_gap = [p for p in table.positions() if p < 1000]
    table.run(
        "INSERT INTO stored_events (ID, originator_id, originator_version, topic, "
        "state) SELECT 600, originator_id, 99, topic, state FROM stored_events "
        "WHERE ID = ?",
        before_gap[0],
    )
    assert (
        verdict()
        == "TAMPERED: inserted: position 600 was not in the log when it was sealed\n"
    )
    table.delete(600)
    table.run("UPDATE stored_events SET ID = 700 WHERE ID = ?", before_gap[2])
    assert verdict() == f"TAMPERED: reordered: position {before_gap[2]} moved to 700\n"
    table.close()
    ledger.close()


def test_after_the_key_is_replaced_the_old_kept_checkpoint_is_set_aside(log):
    dtks, _table, _ledger = log
    assert dtks("audit", "checkpoint").exit_code == 0
    assert dtks("keys", "init", "--force").exit_code == 0
    result = dtks("audit", "verify")
    assert result.exit_code == 0
    assert "is not signed by the key at" in result.output
    assert "OK: " in result.output


def test_sealers_running_at_once_seal_each_event_exactly_once(log):
    _dtks, table, ledger = log
    make_actors(ledger)
    barrier = threading.Barrier(4)

    def seal_now() -> int:
        store = ReadStore(ledger.env)
        barrier.wait()
        try:
            return seal(ledger, store, batch=4)
        finally:
            store.close()

    with ThreadPoolExecutor(4) as pool:
        added = sum(pool.map(lambda _: seal_now(), range(4)))
    positions = table.positions()
    assert added == len(positions)
    sealed_positions = table.run("SELECT position FROM rm_merkle_leaf ORDER BY idx")
    assert [row[0] for row in sealed_positions] == positions
