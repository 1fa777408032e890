"""`dtks dci deliver`: send DCI callbacks and notifications to partners."""

from __future__ import annotations

import signal
import threading

import click

from dci import deliver
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
