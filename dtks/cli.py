"""`dtks`: set up the store, manage accounts, serve the API."""

from __future__ import annotations

import sys

import click

from dtks.access_cli import access, refusals
from dtks.audit_cli import audit, keys
from dtks.backup_cli import export_events_command, import_events_command
from dtks.dci_cli import dci
from dtks.import_cli import import_file
from dtks.oversight_cli import oversight
from dtks.users_cli import users
from events.readside import open_service
from workflow.app import Ledger
from workflow.errors import WorkflowError
from workflow.storage import database_url


def _ledger(migrate: str = "now") -> Ledger:
    """The ledger with its read side; read models of another version are rebuilt
    first unless `migrate` is "later"."""
    try:
        return open_service(migrate=migrate)
    except Exception as error:  # the store itself is unreachable or misnamed
        raise click.ClickException(
            f"cannot open the store at {_safe(database_url())}: {error}"
        ) from None


def _safe(url: str) -> str:
    """The database URL without its password, for messages."""
    if "@" in url and ":" in url.split("@")[0].split("//")[-1]:
        scheme, rest = url.split("//", 1)
        user = rest.split("@")[0].split(":")[0]
        return f"{scheme}//{user}:***@{rest.split('@', 1)[1]}"
    return url


@click.group()
def main() -> None:
    """DTKS verval ledger: every registry change as an attributed event."""


@main.command()
def init() -> None:
    """Create the tables of the event store (safe to run again)."""
    _ledger().close()
    click.echo(f"store ready at {_safe(database_url())}")


@main.group()
def projections() -> None:
    """The read models: rebuild them, or follow the log."""


@projections.command("rebuild")
@click.option("--batch", default=5000, show_default=True, help="Events per commit.")
def rebuild(batch: int) -> None:
    """Drop the read models and replay the whole event log into them."""
    import time

    from events.readside import ReadSide

    read = ReadSide(_ledger(migrate="later"), batch=batch, migrate="later")
    started = time.perf_counter()
    applied = read.projector.rebuild()
    seconds = time.perf_counter() - started
    rate = applied / seconds if seconds else 0
    click.echo(f"replayed {applied} events in {seconds:.1f} s ({rate:,.0f} events/s)")


@projections.command("run")
@click.option("--batch", default=1000, show_default=True, help="Events per commit.")
@click.option("--poll", default=0.5, show_default=True, help="Seconds between polls.")
def run(batch: int, poll: float) -> None:
    """Follow the event log into the read models until stopped (Ctrl-C)."""
    from events.readside import ReadSide

    read = ReadSide(_ledger(migrate="later"), batch=batch, migrate="later")
    click.echo(f"following the log from position {read.projector.position()}")
    try:
        read.projector.run(poll=poll)
    except KeyboardInterrupt:
        click.echo(f"stopped at position {read.projector.position()}")


@main.command()
def catalogue() -> None:
    """Print the event catalogue: topic, meaning, who may cause it."""
    from events.catalogue import markdown

    click.echo(markdown(), nl=False)


@main.command()
@click.option("--if-empty", is_flag=True, help="Do nothing when the store has events.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def demo(if_empty: bool, as_json: bool) -> None:
    """Fill an empty store with demo data for five regions; print every token."""
    from dtks.demo import run_demo

    ledger = _ledger()
    try:
        run_demo(ledger, if_empty=if_empty, as_json=as_json)
    finally:
        ledger.close()


@main.command()
@click.option("--host", default="127.0.0.1")
@click.option("--port", default=8000, type=int)
def serve(host: str, port: int) -> None:
    """Run the development server."""
    from api import create_app

    create_app().run(host=host, port=port)


def _explain(error: WorkflowError) -> str:
    errors = getattr(error, "errors", None)
    if errors:
        return "; ".join(f"{f}: {' '.join(m)}" for f, m in errors.items())
    return str(error)


main.add_command(dci)
main.add_command(users)
main.add_command(export_events_command)
main.add_command(import_events_command)
main.add_command(import_file)
main.add_command(keys)
audit.add_command(access)
audit.add_command(refusals)
main.add_command(audit)
main.add_command(oversight)


if __name__ == "__main__":
    sys.exit(main())
