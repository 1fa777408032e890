"""Reading a baseline DTKS file: CSV or XLSX, English or SIKS-NG headers."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

from workflow.usecases.baseline import FamilyRows

INDONESIAN = {
    "no_kk": "kk",
    "kode_desa": "desa",
    "alamat": "address",
    "nik": "nik",
    "nama": "name",
    "tgl_lahir": "birth_date",
    "jenis_kelamin": "sex",
    "hubungan_keluarga": "relationship",
    "disabilitas": "disability",
    "pekerjaan": "occupation",
}
HEADER_ORDER = list(INDONESIAN.values())  # the English header, in SPEC order
COLUMNS = set(HEADER_ORDER)
REQUIRED = ("kk", "desa", "nik", "name", "birth_date", "sex", "relationship")
RELATIONSHIPS = {
    "kepala keluarga": "head",
    "suami": "spouse",
    "istri": "spouse",
    "anak": "child",
    "menantu": "other",
    "cucu": "other",
    "orang tua": "parent",
    "mertua": "parent",
    "famili lain": "other",
    "lainnya": "other",
}
SEXES = {"L": "M", "P": "F", "M": "M", "F": "F"}
DAY_FIRST = re.compile(r"(\d{1,2})[-/](\d{1,2})[-/](\d{4})")


class FileError(ValueError):
    """The file cannot be read as a baseline at all."""


def sha256_of(path: Path) -> str:
    """The SHA-256 of the file, as recorded in the baseline's events."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_families(path: Path) -> tuple[list[FamilyRows], list[tuple[int, str, str]]]:
    """The file's families (rows grouped by No. KK), and rows without a No. KK."""
    families: dict[str, FamilyRows] = {}
    orphans = []
    for line, row in _rows(path):
        member = _member(row)
        kk = member.pop("kk", None)
        desa, address = member.pop("desa", None), member.pop("address", None)
        if not kk:
            orphans.append((line, member.get("nik", ""), "the row has no No. KK"))
            continue
        family = families.get(kk)
        if family is None:
            family = families[kk] = FamilyRows(kk, desa, address, [], [])
        family.lines.append(line)
        family.members.append(member)
    return list(families.values()), orphans


def _rows(path: Path) -> Iterator[tuple[int, dict]]:
    if not path.is_file():
        raise FileError(f"{path} does not exist or is not a file")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        yield from _csv_rows(path)
    elif suffix == ".xlsx":
        yield from _xlsx_rows(path)
    else:
        raise FileError(f"{path.name}: only .csv and .xlsx files can be imported")


def _header(cells: list, path: Path) -> list[str | None]:
    names = [str(c).strip().lower() if c is not None else "" for c in cells]
    header = [INDONESIAN.get(n, n if n in COLUMNS else None) for n in names]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise FileError(
            f"{path.name}: the first row has no column for "
            f"{', '.join(missing)} (see the README for the headers)"
        )
    return header


def _csv_rows(path: Path) -> Iterator[tuple[int, dict]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = _header(next(reader, []), path)
            for line, cells in enumerate(reader, start=2):
                if any(cells):
                    yield line, dict(zip(header, cells, strict=False))
    except UnicodeDecodeError:
        raise FileError(f"{path.name}: the file is not UTF-8 text") from None


def _xlsx_rows(path: Path) -> Iterator[tuple[int, dict]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not XLSX
        raise FileError(f"{path.name}: not a readable Excel (.xlsx) file") from None
    rows = book.active.iter_rows(values_only=True)
    header = _header(list(next(rows, [])), path)
    for line, cells in enumerate(rows, start=2):
        if any(c not in (None, "") for c in cells):
            yield line, dict(zip(header, cells, strict=False))
    book.close()


def _member(row: dict) -> dict:
    member = {}
    for column, value in row.items():
        if column is None or value is None:
            continue
        if isinstance(value, (int, float)) and column in ("kk", "nik"):
            value = f"{int(value):016d}"
        elif isinstance(value, dt.datetime | dt.date):
            value = value.date() if isinstance(value, dt.datetime) else value
            value = value.isoformat()
        value = str(value).strip()
        if value:
            member[column] = value
    return _mapped(member)


def _mapped(member: dict) -> dict:
    if "sex" in member:
        member["sex"] = SEXES.get(member["sex"].upper(), member["sex"])
    if "relationship" in member:
        member["relationship"] = RELATIONSHIPS.get(
            member["relationship"].lower(), member["relationship"]
        )
    day_first = DAY_FIRST.fullmatch(member.get("birth_date", ""))
    if day_first:
        day, month, year = day_first.groups()
        member["birth_date"] = f"{year}-{int(month):02d}-{int(day):02d}"
    return member
