"""Reading a baseline DTKS file: CSV or XLSX, English or SIKS-NG headers.

The file is read twice. The first pass proves it readable before anything is
recorded, counts the rows of every No. KK and notes families whose rows
disagree; the second hands a family on as soon as its last row is read. A file
sorted by No. KK holds one family in memory at a time, an unsorted one only the
families still incomplete. Workbooks are slow to parse, so the first pass copies
their rows to a temporary CSV that the second pass reads instead.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import IO

from dtks.workbook import FileError, workbook_rows
from workflow.baseline_checks import FamilyRows, Rejected

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
REQUIRED = ("kk", "desa", "nik", "name", "birth_date", "sex", "relationship")
KK, DESA, ADDRESS, NIK = range(4)
SEXES = {"L": "M", "P": "F", "M": "M", "F": "F", "LAKI-LAKI": "M", "PEREMPUAN": "F"}
RELATIONSHIPS = {
    said: ours
    for ours, words in {
        "head": ["kepala keluarga"],
        "spouse": ["suami", "istri"],
        "child": ["anak"],
        "parent": ["orang tua", "mertua"],
        "other": ["menantu", "cucu", "famili lain", "lainnya"],
    }.items()
    for said in [ours, *words]
}
DAY_FIRST = re.compile(r"(\d{1,2})[-/](\d{1,2})[-/](\d{4})")


def sha256_of(path: Path) -> str:
    """The SHA-256 of the file, as recorded in the baseline's events."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_families(
    path: Path, progress: Callable[[int], None] = lambda n: None
) -> tuple[Families, list[Rejected]]:
    """The file's families, checked and counted now and read as they are iterated.

    The rejected rows are those without a No. KK; the import rejects the rest.
    """
    families = Families(path, progress)
    return families, families.rejected


class Families:
    """The families of one baseline file, each handed on once its rows are read.

    `rejected` holds the rows the first pass could not place in any family.
    """

    def __init__(self, path: Path, progress: Callable[[int], None]):
        self.path = path
        self.rejected: list[Rejected] = []
        self._sizes: dict[str, int] = {}
        self._split: set[str] = set()
        # a workbook is parsed once, slowly; its rows wait as CSV for the second pass
        self._spool = _spool() if _is_xlsx(path) else None
        self._survey(progress)
        self.rows = sum(self._sizes.values())

    def _survey(self, progress: Callable[[int], None]) -> None:
        places: dict[str, int] = {}
        spool = csv.writer(self._spool) if self._spool else None
        count = 0
        for count, (line, values) in enumerate(_records(self.path), start=1):
            if spool:
                spool.writerow([line, *values])
            if count % 1000 == 0:
                progress(1000)
            kk = values[KK].strip()
            if not kk:
                self.rejected.append((line, values[NIK], "the row has no No. KK"))
                continue
            self._sizes[kk] = self._sizes.get(kk, 0) + 1
            place = hash((values[DESA].strip(), values[ADDRESS].strip()))
            if places.setdefault(kk, place) != place:
                self._split.add(kk)
        progress(count % 1000)
        if self._spool:
            self._spool.seek(0)

    def __iter__(self) -> Iterator[FamilyRows]:
        """Each family, in order of completion; rows that disagree on desa or
        address come as one family with that problem, for the import to reject."""
        pending: dict[str, FamilyRows] = {}
        for line, values in self._again():
            kk = values[KK].strip()
            if not kk:
                continue  # rejected by the first pass
            family = pending.get(kk)
            if family is None:
                desa, address = values[DESA].strip(), values[ADDRESS].strip()
                family = pending[kk] = FamilyRows(kk, desa, address or None, [], [])
                if kk in self._split:
                    family.problem = (
                        f"the rows of No. KK {kk} disagree on desa or address"
                    )
            family.lines.append(line)
            family.members.append(_member(values))
            if len(family.lines) == self._sizes.get(kk):
                yield pending.pop(kk)
        # Left over only if the file was changed since it was counted.
        yield from pending.values()

    def _again(self) -> Iterator[tuple[int, Sequence[str]]]:
        if self._spool is None:
            yield from _records(self.path)
            return
        with self._spool:
            for line, *values in csv.reader(self._spool):
                yield int(line), values


def _is_xlsx(path: Path) -> bool:
    return path.suffix.lower() == ".xlsx"


def _spool() -> IO[str]:
    return tempfile.TemporaryFile("w+", newline="", encoding="utf-8")


def _records(path: Path) -> Iterator[tuple[int, Sequence[str]]]:
    """Numbered non-blank rows: their cells as text, in the English column order."""
    if not path.is_file():
        raise FileError(f"{path} does not exist or is not a file")
    if path.suffix.lower() not in (".csv", ".xlsx"):
        raise FileError(
            f"{path.name}: only .csv and .xlsx files can be imported; "
            "save the sheet in one of those formats"
        )
    rows = workbook_rows(path) if _is_xlsx(path) else _csv_cells(path)
    header = next(rows, [])
    pick = itemgetter(*_header(header, path))
    blank = [""] * (len(header) + 1)  # pads short rows; -1 is a column not in the file
    for line, cells in enumerate(rows, start=2):
        if any(cells):
            yield line, pick(cells + blank)


def _header(cells, path: Path) -> list[int]:
    names = [_column(cell) for cell in cells]
    for name in set(names) - {None}:
        if names.count(name) > 1:
            raise FileError(f"{path.name}: the first row has two {name} columns")
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise FileError(
            f"{path.name}: the first row must name the columns; "
            f"there is no column for {', '.join(missing)}. Expected "
            f"{', '.join(HEADER_ORDER)} or the SIKS-NG {', '.join(INDONESIAN)}"
        )
    return [names.index(c) if c in names else -1 for c in HEADER_ORDER]


def _column(cell) -> str | None:
    # "No. KK", "Jenis Kelamin (L/P)" and "jenis_kelamin" all name one column
    key = re.sub(r"\(.*?\)", "", str(cell or "")).lower()
    key = re.sub(r"[^a-z0-9]+", "_", key).strip("_")
    return INDONESIAN.get(key, key if key in HEADER_ORDER else None)


def _csv_cells(path: Path) -> Iterator[list[str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            first = handle.readline()
            # Excel with Indonesian regional settings separates with semicolons
            delimiter = max(",;\t", key=first.count)
            reader = csv.reader(itertools.chain([first], handle), delimiter=delimiter)
            yield from reader
    except UnicodeDecodeError:
        raise FileError(
            f"{path.name}: not UTF-8 text; save it again as CSV UTF-8"
        ) from None
    except csv.Error as error:
        raise FileError(
            f"{path.name}, row {reader.line_num}: not readable as CSV ({error})"
        ) from None


def _member(values: Sequence[str]) -> dict[str, str]:
    """A member's fields in the API's terms; empty cells are left out."""
    nik, name, born, sex, relationship, disability, occupation = values[NIK:]
    member = {
        "nik": nik.strip(),
        "name": name.strip(),
        "birth_date": _iso(born.strip()),
        "sex": _sex(sex),
        "relationship": _relationship(relationship),
    }
    if "" in member.values():  # absent, so that the check says "required"
        member = {k: v for k, v in member.items() if v}
    if disability := disability.strip():
        member["disability"] = disability
    if occupation := occupation.strip():
        member["occupation"] = occupation
    return member


def _iso(born: str) -> str:
    day_first = DAY_FIRST.fullmatch(born)
    if day_first:
        day, month, year = day_first.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return born


@lru_cache(maxsize=256)
def _sex(said: str) -> str:
    said = said.strip()
    return SEXES.get(said.upper(), said)


@lru_cache(maxsize=256)
def _relationship(said: str) -> str:
    said = said.strip()
    return RELATIONSHIPS.get(" ".join(said.split()).lower(), said)
