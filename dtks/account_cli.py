"""`dtks users disable|enable|token`: an admin's hold on accounts and tokens."""

from __future__ import annotations

import click

from workflow.actors import command_line_actor
from workflow.errors import WorkflowError

EXPIRES = click.option(
    "--expires",
    "days",
    type=click.IntRange(min=1),
    default=None,
    help="Days the token stays valid (default 90).",
)


def _act(use_case: str, account: str, *args):
    """Run one use case of the ledger on an account named by username or id."""
    from dtks.cli import _explain, _ledger

    ledger = _ledger()
    try:
        user = ledger.account(account)
        return user, getattr(ledger, use_case)(command_line_actor(), user.id, *args)
    except WorkflowError as error:
        raise click.ClickException(_explain(error)) from None
    finally:
        ledger.close()


def _status_command(use_case: str, done: str, summary: str) -> click.Command:
    """`dtks users disable|enable ACCOUNT --reason`: one shape for both."""

    @click.command(use_case, help=summary)
    @click.argument("account")
    @click.option("--reason", required=True, help="Why, as recorded on the event.")
    def change(account: str, reason: str) -> None:
        user, _ = _act(use_case, account, {"reason": reason})
        click.echo(f"{done} {user.name} ({user.id})")

    return change


disable_command = _status_command(
    "disable",
    "disabled",
    "Disable an account (USERNAME or ID): its tokens and sessions stop working.",
)
enable_command = _status_command(
    "enable", "enabled", "Enable a disabled account (USERNAME or ID) again."
)


@click.command("token")
@click.argument("account")
@EXPIRES
def token_command(account: str, days: int | None) -> None:
    """Issue one more token to an account (USERNAME or ID); shown once."""
    body = {} if days is None else {"expires_in_days": days}
    user, token = _act("issue_token", account, body)
    click.echo(f"token of {user.name} ({user.id}), valid until {token.expires_at}:")
    click.echo(token)
