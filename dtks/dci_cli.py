"""`dtks dci deliver`: send DCI callbacks and notifications to partners;
`dtks dci purge`: forget old transactions and delivered messages."""

from __future__ import annotations

import signal
import threading

import click

from dci import deliver, store
from events.readside import open_service


@click.group("dci")
def dci() -> None:
    """The DCI Social Registry interface (SPEC §11)."""


@dci.command("deliver")
@click.option("--poll", default=1.0, show_default=True, help="Seconds between looks.")
def deliver_command(poll: float) -> None:
    """Queue notifications of registry changes and deliver every callback, until
    stopped (Ctrl-C or SIGTERM); safe to restart at any time."""
    ledger = open_service()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    click.echo("delivering DCI callbacks and notifications; Ctrl-C stops")
    try:
        deliver.run(ledger, ledger.index, stop, poll)
    except KeyboardInterrupt:
        pass
    finally:
        ledger.close()


@dci.command("purge")
@click.option(
    "--older-than",
    "days",
    type=click.IntRange(min=0),
    default=store.RETENTION_DAYS,
    show_default=True,
    help="Days to keep transactions and delivered messages.",
)
def purge_command(days: int) -> None:
    """Delete DCI transactions and delivered callbacks older than DAYS (their
    search answers hold personal data); pending deliveries stay."""
    ledger = open_service()
    try:
        purged = store.purge(ledger.index.store, days)
    finally:
        ledger.close()
    click.echo(
        f"purged {purged['transactions']} transactions and "
        f"{purged['outbox']} delivered messages older than {days} days"
    )
