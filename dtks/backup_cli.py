"""`dtks export-events` and `dtks import-events`: backup, restore, migration."""

from __future__ import annotations

from pathlib import Path

import click

from events.backup import RestoreError, check_file, export_events, import_events
from workflow.app import open_ledger


@click.command("export-events")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def export_events_command(file: Path) -> None:
    """Write the whole event log, in order, to FILE (JSON lines)."""
    ledger = open_ledger()
    with (
        file.open("w", encoding="utf-8") as out,
        click.progressbar(
            length=ledger.recorder.max_notification_id() or 0, label="exporting"
        ) as bar,
    ):
        written = export_events(ledger, out, bar.update)
    click.echo(f"exported {written} events to {file}")


@click.command("import-events")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_events_command(file: Path) -> None:
    """Restore a backup FILE into an empty store, then bring the read models up."""
    from events.readside import ReadSide

    ledger = open_ledger()
    try:
        with file.open(encoding="utf-8") as lines:
            count = check_file(lines)
        with (
            file.open(encoding="utf-8") as lines,
            click.progressbar(length=count, label="restoring") as bar,
        ):
            written = import_events(ledger, lines, bar.update)
    except RestoreError as error:
        raise click.ClickException(f"{file}: {error}; nothing was restored") from None
    ReadSide(ledger).projector.catch_up()
    click.echo(f"restored {written} events from {file}; read models are up to date")
