"""`dtks users`: accounts, roles and tokens (add, list, revoke; and the admin's
disable, enable, token and set-password from their own modules)."""

from __future__ import annotations

import json

import click

from dtks.account_cli import EXPIRES, disable_command, enable_command, token_command
from dtks.password_cli import set_password_command
from workflow.actors import ROLES, command_line_actor
from workflow.errors import WorkflowError
from workflow.keys import public_key_pem


def _ledger():
    from dtks.cli import _ledger

    return _ledger()


def _explain(error: WorkflowError) -> str:
    from dtks.cli import _explain

    return _explain(error)


@click.group()
def users() -> None:
    """Accounts, roles and tokens."""


@users.command("add")
@click.option("--name", required=True, help="Full name of the person.")
@click.option("--role", required=True, type=click.Choice(ROLES))
@click.option("--region", default=None, help="Region code of the scope, e.g. 33.20")
@click.option("--username", default=None, help="For the web sign-in, e.g. dwi.r")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option(
    "--public-key",
    type=click.File("r"),
    help="A partner's Ed25519 public key (PEM); its DCI messages must be signed.",
)
@EXPIRES
def add_user(name, role, region, username, as_json, public_key, days) -> None:
    """Create an account and print its token (shown once, stored only hashed)."""
    if public_key and role != "partner":
        raise click.UsageError("--public-key is given only with --role partner")
    ledger = _ledger()
    body = {"name": name, "role": role, "region": region, "username": username}
    if days is not None:
        body["expires_in_days"] = days
    try:
        key = public_key_pem(public_key.read()) if public_key else None
        user, token = ledger.add_user(command_line_actor(), body)
        if key:
            user = ledger.register_public_key(command_line_actor(), user.id, key)
    except WorkflowError as error:
        raise click.ClickException(_explain(error)) from None
    shown = {
        "id": str(user.id),
        "name": user.name,
        "role": user.role,
        "region": user.region,
        "username": user.username,
        "token": token,
        "token_expires_at": token and token.expires_at,
    }
    if as_json:
        click.echo(json.dumps(shown))
    else:
        click.echo(
            f"created {role} {name} ({user.id}); token: {token} "
            f"(valid until {shown['token_expires_at']})"
        )


@users.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines.")
def list_users(as_json: bool) -> None:
    """List every account with its role, scope and number of live tokens."""
    ledger, cursor = _ledger(), ""
    while cursor is not None:
        query = {"limit": "200", **({"cursor": cursor} if cursor else {})}
        rows, cursor = ledger.list_users(command_line_actor(), query)
        for row in rows:
            if as_json:
                click.echo(json.dumps(row))
            else:
                click.echo(
                    f"{row['id']}  {row['role']:9} {row['region'] or 'national':14} "
                    f"{row['name']}  ({row['tokens']} token(s))"
                    + ("  DISABLED" if row["disabled"] else "")
                )


@users.command("revoke")
@click.argument("user_id")
def revoke(user_id: str) -> None:
    """Revoke every token of an account."""
    try:
        user = _ledger().revoke_tokens(command_line_actor(), user_id)
    except WorkflowError as error:
        raise click.ClickException(_explain(error)) from None
    click.echo(f"revoked every token of {user.name} ({user.id})")


for account_command in (
    set_password_command,
    disable_command,
    enable_command,
    token_command,
):
    users.add_command(account_command)
