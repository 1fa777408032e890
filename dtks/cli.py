"""`dtks`: set up the store, manage accounts, serve the API."""

from __future__ import annotations

import json
import sys

import click

from dtks.access_cli import access, refusals
from dtks.account_cli import EXPIRES, disable_command, enable_command, token_command
from dtks.audit_cli import audit, keys
from dtks.backup_cli import export_events_command, import_events_command
from dtks.dci_cli import dci
from dtks.import_cli import import_file
from dtks.oversight_cli import oversight
from dtks.password_cli import set_password_command
from events.readside import open_service
from workflow.actors import ROLES, command_line_actor
from workflow.app import Ledger
from workflow.errors import WorkflowError
from workflow.keys import public_key_pem
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
for account_command in (
    set_password_command,
    disable_command,
    enable_command,
    token_command,
):
    users.add_command(account_command)
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
