"""The registry as it stands today: families and people of the reader's region."""

from __future__ import annotations

import datetime as dt
import re

from flask import Blueprint, request

from api.access import note
from api.personal import family_on, person_on
from web.common import actor, csv_download, page, registry, wants_csv
from web.labels import label
from workflow.errors import NotFound, OutOfScope

blp = Blueprint("registry", __name__, url_prefix="/registri")
NUMBER = re.compile(r"\d{16}")
CSV_CAP = 10_000
MEMBER_CSV = ["no_kk", "desa", "alamat", "nik", "nama", "tanggal_lahir"]
MEMBER_CSV += ["jenis_kelamin", "hubungan", "pekerjaan", "terdaftar_sejak"]


@blp.get("")
def families():
    """Families of the region, by No. KK; search by NIK, No. KK or name."""
    today = dt.date.today().isoformat()
    query = (request.args.get("q") or "").strip()
    region = actor().region
    if wants_csv():
        return families_csv(region, today)
    if query:
        found, cursor = _search(query, region, today), None
    else:
        note(region=region)  # the names of a region's families are personal data
        after = request.args.get("cursor", "")
        found, cursor = registry().families(region, today, after, 25)
    return page(
        "registry.html", families=found, next_cursor=cursor, q=query, today=today
    )


def _search(query: str, region, today: str) -> list[dict]:
    if NUMBER.fullmatch(query):
        return _by_number(query, today)
    if len(query) < 3:
        return []
    note(region=region)
    return registry().families_named(region, query, today, 25)


def _by_number(number: str, today: str) -> list[dict]:
    """The family of a NIK, or of a No. KK; each read noted as the API notes it."""
    read = registry()
    try:
        person = person_on(actor(), read, number, today)
        kk = person["kk"] if person["registered"] else number
    except (NotFound, OutOfScope):
        kk = number
    try:
        return [family_on(actor(), read, kk, today)]
    except (NotFound, OutOfScope):
        return []


def families_csv(region: str | None, day: str):
    """The families of a region on `day`, one row per member, as CSV (noted)."""
    note(region=region)
    rows, cursor = [], ""
    while len(rows) < CSV_CAP:
        found, cursor = registry().families(region, day, cursor, 200)
        rows += [_row(family, m) for family in found for m in family["members"]]
        if not cursor:
            break
    return csv_download(f"registri-{region or 'nasional'}-{day}", MEMBER_CSV, rows)


def family_csv(family: dict, day: str):
    """One family's members on `day` as CSV, the columns of `families_csv`."""
    rows = [_row(family, m) for m in family["members"]]
    return csv_download(f"keluarga-{family['kk']}-{day}", MEMBER_CSV, rows)


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
