"""`dtks import FILE`: load an existing DTKS file as the registry's starting point."""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

import click
import psycopg
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from dtks.baseline_file import Families, FileError, read_families, sha256_of
from dtks.outfiles import private_open, write_rows
from events.bulk.background import BackgroundError
from events.bulk.importer import import_baseline
from events.bulk.load import bulk_load
from events.readside import ReadSide
from workflow.actors import command_line_actor
from workflow.app import Ledger, open_ledger
from workflow.usecases.baseline import Outcome

# What can stop an import part way without it being a fault of the file: a
# full disk, a lost connection, a preparing process killed, Ctrl-C.
STOPPERS = (OSError, sqlite3.Error, psycopg.Error, BackgroundError, KeyboardInterrupt)


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
    metavar="DATE",
    callback=_date,
    help="Date the baseline takes effect in the registry (default today).",
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
    report = report or file.with_name(file.name + ".rejected.csv")
    with _progress() as bar:
        families, rejected = _read(file, bar)
        source = {
            "name": file.name,
            "sha256": sha256_of(file),
            "effective_on": effective_on,
            "decree": decree,
        }
        with _opened() as ledger, _writable(report) as out:
            importing = bar.add_task("importing", total=families.rows, unit="rows")
            try:
                outcome = load_baseline(
                    ledger,
                    families,
                    source,
                    lambda n: bar.advance(importing, n),
                    lambda read_side: _catch_up(read_side, bar),
                )
            except STOPPERS as error:
                raise click.ClickException(_stopped(error)) from None
            rejected = sorted(rejected + outcome.rejected)
            write_rows(out, [("line", "nik", "reason"), *rejected])
    seconds = time.perf_counter() - started
    click.echo(
        f"imported: {_count(outcome.families, 'family', 'families')}, "
        f"{_count(outcome.people, 'person', 'people')}\n"
        f"already registered: {_count(outcome.already, 'family', 'families')} "
        "(left as they were)\n"
        f"rejected: {_count(len(rejected), 'row', 'rows')}, listed in {report}\n"
        f"time: {seconds:.1f} s, {outcome.people / seconds:,.0f} people/s"
    )


def load_baseline(
    ledger: Ledger,
    families: Families,
    source: dict,
    progress: Callable[[int], None] = lambda n: None,
    catch_up: Callable[[ReadSide], object] = lambda side: side.projector.catch_up(),
) -> Outcome:
    """The import as `dtks import` runs it, read models included.

    The file is checked and encoded in a second process; on SQLite each batch
    reaches the read models in the transaction that records it, with the query
    indexes built once at the end. `catch_up` applies what the log holds beyond
    that, before and after.
    """
    read_side = ReadSide(ledger, batch=5000)
    try:
        catch_up(read_side)
        with bulk_load(read_side.projector, families.rows) as writer:
            outcome = import_baseline(
                ledger,
                command_line_actor(),
                families,
                source,
                progress,
                writer=writer,
                parallel=True,
            )
        catch_up(read_side)
    finally:
        read_side.close()
    return outcome


def _read(file: Path, bar: Progress) -> tuple[Families, list]:
    """Check and count the file's rows before anything is recorded."""
    task = bar.add_task(f"reading {file.name}", total=None, unit="rows")
    try:
        found = read_families(file, lambda n: bar.advance(task, n))
    except FileError as error:
        raise click.ClickException(str(error)) from None
    bar.update(task, total=next(t.completed for t in bar.tasks if t.id == task))
    return found


def _stopped(error: BaseException) -> str:
    """Why the import stopped part way, and what the operator can do."""
    why = "interrupted" if isinstance(error, KeyboardInterrupt) else str(error)
    return (
        f"the import stopped: {why}. The families recorded before that stay "
        "recorded; run the same command again to import the rest (nobody is "
        "added twice)"
    )


def _writable(report: Path) -> IO[str]:
    """The report, opened before the import so a bad path fails before any change."""
    try:
        return private_open(report, newline="", encoding="utf-8")
    except OSError as error:
        raise click.ClickException(
            f"cannot write the report {report}: {error.strerror}"
        ) from None


def _opened() -> Ledger:
    try:
        return open_ledger()
    except Exception as error:  # the store is unreachable or misnamed
        raise click.ClickException(f"cannot open the store: {error}") from None


def _catch_up(read_side: ReadSide, bar: Progress) -> None:
    """Bring the read models up to date with the log."""
    lag = read_side.projector.lag()
    if lag == 0:
        return
    task = bar.add_task("updating read models", total=lag, unit="events")
    while done := read_side.projector.catch_up(stop_after=5000):
        bar.advance(task, done)


def _count(number: int, one: str, many: str) -> str:
    return f"{number:,} {one if number == 1 else many}"


class Rate(ProgressColumn):
    """How many rows (or events) a second a phase is taking, or took."""

    def render(self, task) -> Text:
        """The current rate, or a finished phase's average, in the task's unit;
        blank until there is one."""
        speed = task.speed
        if task.finished_time:
            speed = task.completed / task.finished_time
        if not speed:
            return Text("")
        return Text(f"{speed:>9,.0f} {task.fields['unit']}/s")


def _progress() -> Progress:
    # on stderr, so that the summary on stdout can be read by scripts
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        Rate(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
    )
