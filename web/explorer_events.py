"""The event stream in the explorer: every event, filtered, paged, as CSV."""

from __future__ import annotations

import json

from flask import Blueprint, current_app, request

from api.access import note
from events.audit import EventFilter
from events.catalogue import entries
from web.common import actor, csv_download, page, wants_csv
from web.explorer import readers_only
from workflow.errors import InvalidInput
from workflow.fields import Errors, choice, iso_date, text
from workflow.regions import region_problem
from workflow.usecases.listing import narrowed, whole

blp = Blueprint("explorer_events", __name__, url_prefix="/jelajah")
blp.before_request(readers_only)
FILTERS = ("jenis", "pelaku", "wilayah", "dari", "sampai")
PAGE, CSV_CAP = 50, 10_000


@blp.get("/peristiwa")
def stream():
    """Events in log order, by type, actor, region and days; paged, or as CSV."""
    args = {k: v for k, v in request.args.items() if k in FILTERS and v}
    try:
        scope, wanted = _parsed(args)
    except InvalidInput as error:
        return _page(args, [], None, error.errors), 422
    note(region=scope)  # the raw log holds personal data
    if wants_csv():
        return _csv(scope, wanted)
    after = whole(request.args.get("cursor"), 0, 2**62) or 0
    items, following = _read().audit_search(scope, after, PAGE, wanted)
    return _page(args, items, following, {})


def _parsed(args: dict) -> tuple[str | None, EventFilter]:
    errors = Errors()
    topic = choice(errors, "jenis", args.get("jenis"), topics(), required=False)
    region = args.get("wilayah")
    if region:
        errors.add("wilayah", region_problem(region))
    since = iso_date(errors, "dari", args.get("dari"), required=False)
    until = iso_date(errors, "sampai", args.get("sampai"), required=False)
    who = text(errors, "pelaku", args.get("pelaku"), required=False, limit=100)
    errors.raise_any()
    wanted = EventFilter(topic, who, since and str(since), until and str(until))
    return narrowed(actor(), region), wanted


def topics() -> list[str]:
    """Every event topic of the catalogue, in its order."""
    return [entry.topic for entry in entries()]


def _read():
    return current_app.extensions["dtks_read"]()


def _csv(scope: str | None, wanted: EventFilter):
    rows, after = [], 0
    while after is not None and len(rows) < CSV_CAP:
        items, after = _read().audit_search(scope, after, 500, wanted)
        rows += [_row(item) for item in items]
    header = ["posisi", "jenis", "waktu", "pelaku", "peran", "id_pelaku", "data"]
    return csv_download("peristiwa", header, rows)


def _row(item: dict) -> list:
    by = item["actor"] or {}
    data = json.dumps(item["data"], ensure_ascii=False, sort_keys=True)
    return [
        item["position"],
        item["type"],
        item["recorded_at"],
        by.get("name"),
        by.get("role"),
        by.get("id"),
        data,
    ]


def _page(args: dict, items: list, following, errors: dict):
    return page(
        "explorer/events.html",
        items=items,
        next_cursor=following,
        args=args,
        topics=topics(),
        values=args,
        errors=errors,
    )
