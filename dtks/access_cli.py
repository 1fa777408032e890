"""`dtks audit access` and `dtks audit refusals`: who read whose personal data,
and who was refused how often, for auditors at a shell."""

from __future__ import annotations

import datetime as dt
import json

import click

from events.access import AccessLog
from workflow.app import open_ledger

PAGE = 1000


def _day(_ctx, param, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD") from None


def _day_after(ctx, param, value: str | None) -> str | None:
    """An inclusive last day, as the first day not included."""
    day = _day(ctx, param, value)
    return None if day is None else str(dt.date.fromisoformat(day) + dt.timedelta(1))


@click.command("access")
@click.option("--nik", help="Reads of this NIK.")
@click.option("--kk", help="Reads of this No. KK.")
@click.option("--user", "user_id", help="Reads by this user id.")
@click.option("--from", "since", callback=_day, help="From this date (UTC).")
@click.option("--to", "until", callback=_day_after, help="To this date, inclusive.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines.")
def access(nik, kk, user_id, since, until, as_json: bool) -> None:
    """List every recorded read of personal data that matches, oldest first."""
    log = AccessLog(open_ledger().env)
    match = {"nik": nik, "kk": kk, "user_id": user_id, "since": since, "until": until}
    after: int | None = 0
    while after is not None:
        items, after = log.page(None, after, PAGE, **match)
        for item in items:
            click.echo(json.dumps(item) if as_json else _line(item))


@click.command("refusals")
@click.option("--from", "since", callback=_day, help="From this date (UTC).")
@click.option("--to", "until", callback=_day_after, help="To this date, inclusive.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines.")
def refusals(since, until, as_json: bool) -> None:
    """Count, per user, the proposals refused as conflicts (409): probing for
    other regions' NIKs shows up here."""
    for item in AccessLog(open_ledger().env).refusals(None, since, until):
        click.echo(
            json.dumps(item) if as_json else f"{item['user_id']}  {item['refused']}"
        )


def _line(item: dict) -> str:
    subject = " ".join(
        f"{name}={item[name]}" for name in ("nik", "kk", "region") if item[name]
    )
    return (
        f"{item['at']}  user={item['user_id']}  {item['status']} "
        f"{item['route']}  {subject}"
    )
