"""`dtks export-events` and `dtks import-events`: backup, restore, migration."""

from __future__ import annotations

from pathlib import Path

import click

from dtks.audit_cli import verifier_or_none
from dtks.outfiles import private_open
from events.backup import RestoreError, check_file, export_events, import_events
from events.db import ReadStore
from events.integrity.leaf import event_leaf
from events.integrity.note import CheckpointError
from events.integrity.restore import adopt, check_backup, closing
from workflow.app import open_ledger


@click.command("export-events")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def export_events_command(file: Path) -> None:
    """Write the whole event log, in order, to FILE (JSON lines), with a checkpoint."""
    ledger = open_ledger()
    try:
        close = closing(ledger, ReadStore(ledger.env))
    except CheckpointError as error:
        raise click.ClickException(str(error)) from None
    with (
        private_open(file, encoding="utf-8") as out,
        click.progressbar(
            length=ledger.recorder.max_notification_id() or 0, label="exporting"
        ) as bar,
    ):
        written = export_events(ledger, out, bar.update, close)
    click.echo(f"exported {written} events to {file}")


def _checked(file: Path, key: str | None) -> tuple[dict, str]:
    """The backup's closing line, once its events match its checkpoint."""
    leaves: list[bytes] = []
    with file.open(encoding="utf-8") as lines:
        trailer = check_file(lines, lambda event: leaves.append(event_leaf(event)))
    try:
        return trailer, check_backup(trailer, leaves, verifier_or_none(key))
    except CheckpointError as error:
        raise RestoreError(str(error)) from None


@click.command("import-events")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--key", help="Verifier key (or a file holding it) of the checkpoint.")
def import_events_command(file: Path, key: str | None) -> None:
    """Restore a backup FILE into an empty store, then bring the read models up."""
    from events.readside import ReadSide

    ledger = open_ledger()
    try:
        trailer, checked = _checked(file, key)
        with (
            file.open(encoding="utf-8") as lines,
            click.progressbar(length=trailer["events"], label="restoring") as bar,
        ):
            written = import_events(ledger, lines, bar.update)
    except RestoreError as error:
        raise click.ClickException(f"{file}: {error}; nothing was restored") from None
    read = ReadSide(ledger)
    read.projector.catch_up()
    adopt(ledger, read.store, trailer)
    click.echo(f"{checked}")
    click.echo(f"restored {written} events from {file}; read models are up to date")
