"""`dtks keys init` and `dtks audit checkpoint|verify|verify-proof`: tamper evidence."""

from __future__ import annotations

import json
from pathlib import Path

import click

from events.integrity import note
from events.integrity.note import CheckpointError


def _read_store():
    from events.db import ReadStore
    from workflow.app import open_ledger

    ledger = open_ledger()
    return ledger, ReadStore(ledger.env)


def _private_key():
    try:
        return note.load_key(note.key_path())
    except CheckpointError as error:
        raise click.ClickException(str(error)) from None


def _verifier(given: str | None):
    """The (name, public key) to check signatures with: --key, else the local key."""
    if given:
        text = Path(given).read_text() if Path(given).is_file() else given
        return note.read_verifier_key(text)
    key = _private_key()
    if key is None:
        raise click.ClickException(
            f"no key to check signatures with: pass --key with the ledger's verifier "
            f"key, or keep its private key at {note.key_path()} (DTKS_LEDGER_KEY)"
        )
    return note.origin(), key.public_key()


def verifier_or_none(given: str | None):
    """The verifier to check with, or None when no key is given or kept here."""
    if given or _private_key() is not None:
        try:
            return _verifier(given)
        except CheckpointError as error:
            raise click.ClickException(str(error)) from None
    return None


def _signed(text: str, key: str | None) -> note.Checkpoint:
    name, public = _verifier(key)
    return note.verify(text, name, public)


@click.group()
def keys() -> None:
    """The ledger's Ed25519 signing key."""


@keys.command("init")
@click.option("--force", is_flag=True, help="Replace an existing key.")
def init_key(force: bool) -> None:
    """Create the signing key (DTKS_LEDGER_KEY) and print its verifier key."""
    path = note.key_path()
    try:
        key = note.create_key(path, force=force)
    except CheckpointError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"wrote the private key to {path} (readable by you only)")
    click.echo("publish this verifier key so anyone can check checkpoints:")
    click.echo(note.verifier_key(note.origin(), key.public_key()))


@click.group()
def audit() -> None:
    """Tamper evidence: checkpoints and verification of the whole log."""


@audit.command("checkpoint")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path))
def make_checkpoint(out: Path | None) -> None:
    """Seal the log and print (or write) a signed checkpoint of it."""
    from events.integrity.proofs import checkpoint

    key = _private_key()
    if key is None:
        raise click.ClickException(
            f"no signing key at {note.key_path()}: run `dtks keys init` first"
        )
    ledger, store = _read_store()
    signed = checkpoint(ledger, store, key)
    if out is None:
        click.echo(signed.text, nl=False)
    else:
        out.write_text(signed.text, encoding="utf-8")
        click.echo(f"wrote the checkpoint of {signed.size} events to {out}")


@audit.command("verify")
@click.option("--checkpoint", "file", type=click.Path(exists=True, path_type=Path))
@click.option("--key", help="Verifier key (or a file holding it) for --checkpoint.")
def verify_log(file: Path | None, key: str | None) -> None:
    """Recompute every leaf; name the first event edited, deleted, inserted or moved."""
    from events.integrity.verify import verify

    ledger, store = _read_store()
    try:
        checkpoint = _signed(file.read_text(encoding="utf-8"), key) if file else None
    except CheckpointError as error:
        raise click.ClickException(f"{file}: {error}") from None
    verdict = verify(ledger, store, checkpoint or _kept(store))
    click.echo(str(verdict))
    if not verdict.ok:
        raise SystemExit(1)


def _kept(store) -> note.Checkpoint | None:
    """The latest checkpoint kept in the store, when the local key signed it."""
    from events.integrity.proofs import latest_checkpoint

    latest = None if _private_key() is None else latest_checkpoint(store)
    if latest is None:
        return None
    try:
        return _signed(latest.text, None)
    except CheckpointError:
        click.echo(
            f"note: the latest kept checkpoint (of {latest.size} events) is not "
            f"signed by the key at {note.key_path()}, so it was not used",
            err=True,
        )
        return None


@audit.command("verify-proof")
@click.option("--checkpoint", "file", required=True, type=click.Path(exists=True))
@click.option("--proof", required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--event", type=click.Path(exists=True, path_type=Path))
@click.option("--key", help="Verifier key (or a file holding it).")
def verify_proof(file: str, proof: Path, event: Path | None, key: str | None) -> None:
    """Check one event against a checkpoint with its inclusion proof (no database)."""
    from events.integrity.offline import check_event

    try:
        checkpoint = _signed(Path(file).read_text(encoding="utf-8"), key)
        given = json.loads(proof.read_text(encoding="utf-8"))
        record = json.loads(event.read_text(encoding="utf-8")) if event else None
        record = record or given.get("event")
        if not record:
            raise CheckpointError("pass --event: the proof does not carry the event")
        click.echo(check_event(checkpoint, given, record))
    except (CheckpointError, ValueError) as error:
        raise click.ClickException(str(error)) from None
