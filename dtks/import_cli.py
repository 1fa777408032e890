"""`dtks import FILE`: load an existing DTKS file as the registry's starting point."""

from __future__ import annotations

import csv
import datetime as dt
import time
from pathlib import Path

import click
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from dtks.baseline_file import FileError, read_families, sha256_of
from workflow.actors import command_line_actor
from workflow.app import open_ledger


def _date(_ctx, _param, value: str | None) -> str:
    if value is None:
        return dt.date.today().isoformat()
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2026-01-31") from None


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--effective-on",
    callback=_date,
    help="Date the baseline stands on (default today).",
)
@click.option(
    "--decree",
    default="baseline DTKS",
    show_default=True,
    help="The decree or dataset the baseline stands on.",
)
@click.option(
    "--report",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where rejected rows go (default FILE.rejected.csv).",
)
def import_file(file: Path, effective_on: str, decree: str, report: Path | None):
    """Import baseline families from CSV or XLSX; rejected rows go to a report."""
    started = time.perf_counter()
    try:
        families, orphans = read_families(file)
        source = {
            "name": file.name,
            "sha256": sha256_of(file),
            "effective_on": effective_on,
            "decree": decree,
        }
    except FileError as error:
        raise click.ClickException(str(error)) from None
    rows = sum(len(f.lines) for f in families)
    ledger = open_ledger()
    with _progress() as bar:
        task = bar.add_task("importing", total=rows)
        outcome = ledger.import_baseline(
            command_line_actor(), families, source, lambda n: bar.advance(task, n)
        )
    rejected = sorted(orphans + outcome.rejected)
    report = report or file.with_name(file.name + ".rejected.csv")
    with report.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["line", "nik", "reason"])
        writer.writerows(rejected)
    from events.readside import ReadSide

    ReadSide(ledger).projector.catch_up()
    seconds = time.perf_counter() - started
    click.echo(
        f"imported {outcome.families} families ({outcome.people} people) in "
        f"{seconds:.1f} s ({outcome.people / seconds:,.0f} people/s); "
        f"{outcome.already} families were already registered; "
        f"{len(rejected)} rows rejected, listed in {report}"
    )


class RowsPerSecond(ProgressColumn):
    """How many rows a second the import is taking."""

    def render(self, task) -> Text:
        """The current rate."""
        return Text(f"{task.speed or 0:>8,.0f} rows/s")


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RowsPerSecond(),
        TimeRemainingColumn(),
    )
