"""Reading an Excel workbook defensively: size caps, no entity expansion."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from openpyxl import DEFUSEDXML, load_workbook

# Caps on a workbook, checked before its XML is parsed: a kabupaten's baseline
# of a million people is ~80 MiB packed and ~1 GiB of XML, compressed ~15 times.
MAX_XLSX_BYTES = 256 << 20
MAX_UNPACKED_BYTES = 4 << 30
MAX_RATIO = 200  # unpacked / packed size of any one part
MAX_ROWS = 3_000_000
MAX_COLUMNS = 64
UNSAFE = (
    "{}: the worksheet cannot be read safely (it declares XML entities or is "
    "malformed); save it again from Excel"
)


class FileError(ValueError):
    """The file cannot be read as a baseline at all."""


def workbook_rows(path: Path) -> Iterator[list[str]]:
    """The first sheet's rows as text, within the caps, parsed without entity
    expansion (openpyxl uses defusedxml when it is installed)."""
    _check_workbook(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file not XLSX
        if isinstance(error.__context__, DefusedXmlException):
            raise FileError(UNSAFE.format(path.name)) from None
        raise FileError(f"{path.name}: not a readable Excel (.xlsx) workbook") from None
    try:
        rows = book.active.iter_rows(min_row=1, max_col=MAX_COLUMNS, values_only=True)
        for number, cells in enumerate(rows, start=1):
            if number > MAX_ROWS:
                raise FileError(
                    f"{path.name}: more than {MAX_ROWS:,} rows; split the file"
                )
            yield [_text(cell) for cell in cells]
    except (DefusedXmlException, ParseError, KeyError, ValueError) as error:
        if isinstance(error, FileError):
            raise
        raise FileError(UNSAFE.format(path.name)) from None
    finally:
        book.close()


def _check_workbook(path: Path) -> None:
    """Refuse a workbook too large, or one that unpacks out of all proportion
    (a "zip bomb"), before any XML of it is parsed."""
    if not DEFUSEDXML:
        raise FileError("install defusedxml to read .xlsx files safely")
    if path.stat().st_size > MAX_XLSX_BYTES:
        raise FileError(
            f"{path.name}: larger than {MAX_XLSX_BYTES >> 20} MiB; "
            "split it, or save it as CSV"
        )
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise FileError(f"{path.name}: not a readable Excel (.xlsx) workbook") from None
    unpacked = sum(part.file_size for part in parts)
    swollen = [p for p in parts if p.file_size > MAX_RATIO * max(p.compress_size, 1)]
    if unpacked > MAX_UNPACKED_BYTES or swollen:
        raise FileError(
            f"{path.name}: unpacks to more than a baseline workbook can hold; "
            "save it again from Excel, or as CSV"
        )


def _text(value) -> str:
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a NIK or No. KK typed as a number
    return str(value)
