"""The registry as it stands today: families and people of the reader's region."""

from __future__ import annotations

import datetime as dt
import re

from flask import Blueprint, request

from web.common import actor, csv_download, page, registry, wants_csv
from web.labels import label

blp = Blueprint("registry", __name__, url_prefix="/registri")
NUMBER = re.compile(r"\d{16}")
CSV_CAP = 10_000


@blp.get("")
def families():
    """Families of the region, by No. KK; search by NIK, No. KK or name."""
    today = dt.date.today().isoformat()
    query = (request.args.get("q") or "").strip()
    region = actor().region
    if wants_csv():
        return _csv(region, today)
    if query:
        found, cursor = _search(query, region, today), None
    else:
        after = request.args.get("cursor", "")
        found, cursor = registry().families(region, today, after, 25)
    return page(
        "registry.html", families=found, next_cursor=cursor, q=query, today=today
    )


def _search(query: str, region, today: str) -> list[dict]:
    read = registry()
    if NUMBER.fullmatch(query):
        person = read.person(query, today)
        kk = person["kk"] if person and person["registered"] else query
        family = read.family(kk, today)
        return [family] if family and actor().sees(family["desa"]) else []
    if len(query) < 3:
        return []
    return read.families_named(region, query, today, 25)


def _csv(region, today: str):
    rows, cursor = [], ""
    while len(rows) < CSV_CAP:
        found, cursor = registry().families(region, today, cursor, 200)
        rows += [_row(family, m) for family in found for m in family["members"]]
        if not cursor:
            break
    header = ["no_kk", "desa", "alamat", "nik", "nama", "tanggal_lahir"]
    header += ["jenis_kelamin", "hubungan", "pekerjaan", "terdaftar_sejak"]
    return csv_download(f"registri-{region or 'nasional'}-{today}", header, rows)


def _row(family: dict, m: dict) -> list:
    return [
        family["kk"],
        family["desa"],
        family.get("address"),
        m["nik"],
        m["name"],
        m["birth_date"],
        label(m["sex"], "sex"),
        label(m["relationship"], "relationship"),
        m.get("occupation"),
        m["registered_since"],
    ]
