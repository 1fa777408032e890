"""`dtks users set-password USERNAME`: from stdin in scripts, or a prompt twice."""

from __future__ import annotations

import sys

import click

from workflow.actors import command_line_actor
from workflow.errors import WorkflowError


def read_password() -> str:
    """The new password: one line of stdin when piped, else typed twice, hidden."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("New password", hide_input=True, confirmation_prompt=True)


@click.command("set-password")
@click.argument("username")
def set_password_command(username: str) -> None:
    """Set the web sign-in password of an account (at least 10 characters)."""
    from dtks.cli import _explain, _ledger

    ledger = _ledger()
    try:
        user = ledger.set_password(command_line_actor(), username, read_password())
    except WorkflowError as error:
        raise click.ClickException(_explain(error)) from None
    finally:
        ledger.close()
    click.echo(f"password set for {user.username} ({user.name})")
