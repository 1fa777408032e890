"""`dtks oversight activity|series`: the oversight figures at the command line."""

from __future__ import annotations

import csv
import sys

import click
from rich.console import Console
from rich.table import Table

from events.readside import open_service
from workflow.actors import command_line_actor
from workflow.errors import WorkflowError

ACTIVITY = (
    "region",
    "name",
    "rank",
    "month",
    "submitted",
    "determined_add",
    "determined_remove",
    "determined_update",
    "removal_reasons",
    "rejected",
    "musdes",
    "last_change_on",
)
SERIES = ("month", "as_of", "families", "people")


def _range(f):
    f = click.option("--csv", "as_csv", is_flag=True, help="Print CSV instead.")(f)
    f = click.option("--to", "last", default=None, help="Last month, YYYY-MM.")(f)
    f = click.option("--from", "first", default=None, help="First month, YYYY-MM.")(f)
    return click.option("--region", default=None, help="Region code, e.g. 33.20")(f)


@click.group()
def oversight() -> None:
    """Registry size over time; update frequency and Musdes per region."""


@oversight.command()
@_range
def activity(region, first, last, as_csv) -> None:
    """Each child region month by month, ranked by update frequency."""
    answer = _ask("region_activity", region, first, last)
    rows = [
        _activity_row(item, month)
        for item in answer["items"]
        for month in item["months"]
    ]
    _print(ACTIVITY, rows, as_csv, f"Activity of {answer['region'] or 'Indonesia'}")
    for month in answer["without_musdes"]:
        if month["desa"] and not as_csv:
            click.echo(f"{month['month']}: no Musdes in {', '.join(month['desa'])}")


@oversight.command()
@_range
def series(region, first, last, as_csv) -> None:
    """Families and people registered at the end of each month."""
    answer = _ask("registry_series", region, first, last)
    rows = [[item[key] for key in SERIES] for item in answer["items"]]
    _print(SERIES, rows, as_csv, f"Registry of {answer['region'] or 'Indonesia'}")


def _ask(use_case: str, region, first, last) -> dict:
    query = {"region": region, "from": first, "to": last}
    ledger = open_service()
    try:
        return getattr(ledger, use_case)(
            command_line_actor(), {k: v for k, v in query.items() if v}
        )
    except WorkflowError as error:
        errors = getattr(error, "errors", None) or {"": [str(error)]}
        raise click.ClickException(
            "; ".join(f"--{f}: {' '.join(m)}" for f, m in errors.items())
        ) from None
    finally:
        ledger.close()


def _activity_row(item: dict, month: dict) -> list:
    done, refused = month["determined"], month["rejected"]
    reasons = " ".join(f"{k}={v}" for k, v in sorted(done["removal_reasons"].items()))
    return [
        item["region"],
        item["name"] or "",
        item["rank"],
        month["month"],
        sum(month["submitted"][k] for k in ("add", "remove", "update")),
        done["add"],
        done["remove"],
        done["update"],
        reasons,
        sum(refused[k] for k in ("add", "remove", "update")),
        month["musdes"],
        item["last_change_on"] or "",
    ]


def _print(columns, rows, as_csv: bool, title: str) -> None:
    if as_csv:
        out = csv.writer(sys.stdout, lineterminator="\n")
        out.writerow(columns)
        out.writerows(rows)
        return
    table = Table(*columns, title=title)
    for row in rows:
        table.add_row(*map(str, row))
    Console(width=200).print(table)
