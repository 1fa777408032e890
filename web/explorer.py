"""The auditor's explorer (/jelajah): the registry of any region on any date.

Drill-down province → kabupaten/kota → kecamatan → desa → family → person, the
counts of each child region, and the families of a desa; the person's and
family's pages and the event stream live in web/explorer_records.py and
web/explorer_events.py, under the same prefix and behind `readers_only`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from flask import Blueprint, request
from flask_babel import lazy_gettext as _l

from api.access import note
from web.common import actor, csv_download, page, registry, wants_csv
from web.registry import families_csv
from workflow.errors import InvalidInput, NotFound
from workflow.fields import Errors, iso_date
from workflow.problems import Problem
from workflow.regions import children, level_of, region_name
from workflow.usecases.listing import whole

blp = Blueprint("explorer", __name__, url_prefix="/jelajah")
READERS = ("auditor", "ministry")
PAGE = 25
LEVEL = {
    0: _l("Nasional"),
    1: _l("Provinsi"),
    2: _l("Kabupaten/Kota"),
    3: _l("Kecamatan"),
    4: _l("Desa/Kelurahan"),
    5: _l("Keluarga"),  # what a desa holds
}


def readers_only():
    """The explorer is the auditor's (and the ministry's); others are refused."""
    actor().require(*READERS)


blp.before_request(readers_only)


def as_of() -> str:
    """The day asked for in `tanggal` (default today); a bad one is refused."""
    errors = Errors()
    given = request.args.get("tanggal") or None
    day = iso_date(errors, "tanggal", given, required=False) if given else None
    errors.raise_any()
    return (day or dt.date.today()).isoformat()


def dated(show: Callable[[str], Any], again: Callable[[dict], Any]) -> Any:
    """Show a page for the day asked; a bad day shows the page again with why."""
    try:
        day = as_of()
    except InvalidInput as error:
        return again(error.errors), 422
    return show(day)


def trail(code: str | None) -> list[str]:
    """The regions from the reader's scope down to `code`, for the breadcrumb."""
    parts = (code or "").split(".") if code else []
    top = level_of(actor().region) if actor().region else 1
    return [".".join(parts[:n]) for n in range(top, len(parts))]


@blp.get("", defaults={"code": None})
@blp.get("/wilayah/<code>")
def region(code):
    """A region on a date: its totals, each child region's counts, or its families."""
    code = code or actor().region
    if code is not None and region_name(code) is None:
        raise NotFound(Problem("region.unknown", code=code), code)
    if code is not None:
        actor().require_region(code)
    return dated(lambda day: _shown(code, day), lambda errors: _refused(code, errors))


def _shown(code: str | None, day: str):
    if code is not None and level_of(code) == 4:
        return _desa(code, day)
    return _children(code, day)


def _children(code: str | None, day: str):
    stats = registry().stats(code, day)
    empty = {"families": 0, "people": 0}
    rows = [(c, stats["children"].get(c, empty)) for c in children(code)]
    if wants_csv():
        header = ["kode", "wilayah", "keluarga", "jiwa"]
        table = [[c, region_name(c), n["families"], n["people"]] for c, n in rows]
        return csv_download(f"wilayah-{code or 'nasional'}-{day}", header, table)
    start = whole(request.args.get("cursor"), 0, len(rows)) or 0
    following = start + PAGE if start + PAGE < len(rows) else None
    return _page(
        code, day, stats=stats, rows=rows[start : start + PAGE], next=following
    )


def _desa(code: str, day: str):
    if wants_csv():
        return families_csv(code, day)
    note(region=code)  # the families of a desa are personal data
    after = request.args.get("cursor", "")
    found, following = registry().families(code, day, after, PAGE)
    stats = registry().stats(code, day)
    return _page(code, day, stats=stats, families=found, next=following)


def _refused(code: str | None, errors: dict):
    return _page(code, "", errors=errors, stats=None, rows=[], next=None)


def _page(code: str | None, day: str, **shown):
    args = {"code": code, "tanggal": request.args.get("tanggal") or None}
    return page(
        "explorer/region.html",
        code=code,
        day=day,
        level=LEVEL[level_of(code) if code else 0],
        child_level=LEVEL[level_of(code) + 1 if code else 1],
        trail=trail(code),
        args=args,
        values={"tanggal": request.args.get("tanggal", day)},
        **shown,
    )
