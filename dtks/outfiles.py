"""Files the command line writes: readable by their owner only, and cells that a
spreadsheet opens as text, never as a formula."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

PRIVATE = 0o600
# A cell starting with one of these runs as a formula in Excel or LibreOffice
# (OWASP "CSV injection"); a leading apostrophe makes it text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def private_open(path: Path, mode: str = "w", **options: Any) -> IO[Any]:
    """Open `path` for writing, created (or reset) as readable by its owner only.

    The mode is set at creation, so the data is never readable by others, not
    even for a moment; an existing file gets the same mode before it is written.
    """
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if "a" in mode else os.O_TRUNC)
    descriptor = os.open(path, flags, PRIVATE)
    try:
        os.fchmod(descriptor, PRIVATE)
        return os.fdopen(descriptor, mode, **options)
    except BaseException:
        os.close(descriptor)
        raise


def spreadsheet_safe(cell: object) -> object:
    """The cell as text that no spreadsheet runs as a formula."""
    if isinstance(cell, str) and cell.startswith(FORMULA_START):
        return "'" + cell
    return cell


def write_rows(out: IO[str], rows: Iterable[Sequence[object]]) -> None:
    """Write CSV rows with every formula-like cell neutralised."""
    csv.writer(out).writerows([spreadsheet_safe(c) for c in row] for row in rows)
