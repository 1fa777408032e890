"""Oversight dashboards (SPEC §9): a region's registry size, proposals per stage,
its child regions ranked by update frequency and, for a camat, the desa without
a Musdes — as SVG charts drawn here, with their numbers as tables and CSV."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Response, abort, render_template, request
from flask_babel import gettext as _

from web import dashboard_tables as tables
from web.common import actor, csv_download, ledger, page, refusal
from workflow.errors import InvalidInput, NotFound
from workflow.regions import level_of, parent, region_name

blp = Blueprint("dashboard", __name__, url_prefix="/pantauan")
OVERSEERS = ("auditor", "ministry", "camat", "verifier", "ratifier")
RANGE = ("from", "to")


@dataclass
class Figures:
    """What one dashboard shows, each chart's numbers as a table."""

    region: str | None
    months: list[str]
    size: tables.Table
    stages: tables.Table
    ranking: tables.Table
    musdes: tables.Table | None

    def table(self, name: str) -> tables.Table | None:
        """The table a download names (ukuran-registri, peringkat-wilayah, ...)."""
        found = [self.size, self.stages, self.ranking, self.musdes]
        return next((t for t in found if t is not None and t.name == name), None)


def figures(region: str | None) -> Figures:
    """The figures of a region in the reader's scope over the months asked for."""
    reader, query = actor(), _query(region)
    try:
        activity = ledger().region_activity(reader, query)
        series = ledger().registry_series(reader, query)
    except InvalidInput as error:
        if "region" in error.errors:  # a code in the address that does not exist
            raise NotFound("region", region) from None
        raise
    months = [m["month"] for m in series["items"]]
    return Figures(
        region=activity["region"],
        months=months,
        size=tables.size_table(series),
        stages=tables.stage_table(activity, months),
        ranking=tables.ranking_table(activity),
        musdes=tables.musdes_table(activity),
    )


def _query(region: str | None) -> dict:
    """The use cases' query, once the reader may oversee `region`."""
    reader = actor()
    reader.require(*OVERSEERS)
    if region is not None:
        reader.require_region(region)  # a wider region is out of scope too
    query = {k: v for k, v in request.args.items() if k in RANGE and v}
    if region or reader.region:
        query["region"] = region or reader.region
    return query


@blp.get("", defaults={"region": None})
@blp.get("/<region>")
def dashboard(region):
    """A region's dashboard; a bad month range is shown beside its field."""
    try:
        found = figures(region)
    except InvalidInput as error:
        shown = {"errors": error.errors, "message": refusal(error)}
        return _page(region or actor().region, None, **shown), 422
    return _page(found.region, found)


def _page(region: str | None, found: Figures | None, **shown):
    range_args = {k: v for k, v in request.args.items() if k in RANGE and v}
    return page(
        "dashboard/page.html",
        region=region,
        trail=trail(region),
        found=found,
        charts=drawn(found) if found else None,
        values=_shown_range(found),
        range_args=range_args,
        downloads={"region": region, **range_args},
        **shown,
    )


def _shown_range(found: Figures | None) -> dict:
    """The months in the form: as typed, else the range the charts show."""
    if found is None:
        return request.args
    return {"from": found.months[0], "to": found.months[-1], **request.args}


def drawn(found: Figures) -> dict:
    """Each chart of a dashboard by the name of the table it draws."""
    where = region_name(found.region) if found.region else _("Indonesia")
    return {
        found.size.name: tables.size_chart(found.size, where),
        found.stages.name: tables.stage_chart(found.stages, where),
        found.ranking.name: tables.ranking_chart(found.ranking, where, found.months),
    }


def trail(region: str | None) -> list[str | None]:
    """The regions from the reader's scope down to `region` (None: national)."""
    top = actor().region
    first = level_of(top) if top else 0
    last = level_of(region) if region else 0
    return [None if n == 0 else parent(region, n) for n in range(first, last + 1)]


@blp.get("/unduh/<name>.<kind>", defaults={"region": None})
@blp.get("/<region>/unduh/<name>.<kind>")
def download(region, name, kind):
    """One chart as an SVG file, or its numbers as CSV."""
    try:
        found = figures(region)
    except InvalidInput as error:
        return Response(refusal(error), 422, mimetype="text/plain")
    table = found.table(name)
    if table is None or kind not in ("csv", "svg"):
        abort(404)
    months = f"{found.months[0]}-{found.months[-1]}"
    filename = f"{name}-{found.region or 'nasional'}-{months}"
    if kind == "csv":
        return csv_download(filename, [c[0] for c in table.columns], table.rows)
    return _svg_file(found, name, filename)


def _svg_file(found: Figures, name: str, filename: str) -> Response:
    charts = drawn(found)
    if name not in charts:
        abort(404)  # the desa without a Musdes are a list, not a chart
    svg = render_template("dashboard/download.svg", chart=charts[name])
    return Response(
        svg,
        mimetype="image/svg+xml",
        headers={"Content-Disposition": f'attachment; filename="{filename}.svg"'},
    )
