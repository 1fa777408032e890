"""Musdes/Muskel lists: the deliberations in scope, and the camat's desa that
held none this month; each paged, each whole as CSV."""

from __future__ import annotations

from flask import request

from web.common import (
    actor,
    as_deliberation,
    csv_download,
    every_page,
    ledger,
    page,
    wants_csv,
)
from web.deliberations import blp
from workflow.regions import region_name

FILTERS = ("status", "region")


@blp.get("")
def listing():
    """Deliberations in the reader's scope, by status; paged."""
    args = {k: v for k, v in request.args.items() if k in FILTERS and v}
    if wants_csv():
        shown = map(as_deliberation, every_page(ledger().list_deliberations, args))
        header = ["id", "desa", "status", "berita_acara", "tanggal", "ketua", "hadir"]
        return csv_download("musyawarah", header, [_csv_row(d) for d in shown])
    query = {**args, "cursor": request.args.get("cursor"), "limit": "25"}
    items, cursor = ledger().list_deliberations(actor(), query)
    return page(
        "deliberations/list.html",
        items=[as_deliberation(item) for item in items],
        next_cursor=cursor,
        args=args,
    )


def _csv_row(d: dict) -> list:
    fields = ("id", "desa", "status", "minutes_number", "held_on", "chaired_by")
    return [*(d[name] for name in fields), d["attendees"]]


@blp.get("/tanpa-musdes")
def quiet():
    """The camat's desa that held no Musdes/Muskel this month; paged."""
    lister = ledger().list_desa_without_musdes
    if wants_csv():
        rows = [[code, region_name(code)] for code in every_page(lister, {})]
        return csv_download("desa-tanpa-musdes", ["kode", "desa"], rows)
    query = {"cursor": request.args.get("cursor"), "limit": "50"}
    codes, cursor = lister(actor(), query)
    return page("deliberations/quiet.html", codes=codes, next_cursor=cursor, args={})
