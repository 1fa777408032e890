"""Baseline files for the import tests: rows of a family, a CSV, `dtks import`."""

from __future__ import annotations

import csv

from click.testing import CliRunner

from dtks.baseline_file import HEADER_ORDER
from dtks.import_cli import import_file
from tests.support import DESA


def rows_of(kk_number, members, desa=DESA, address="RT 01 RW 02"):
    """The file rows of a family, English columns."""
    return [
        [kk_number, desa, address, *(m.get(c, "") for c in HEADER_ORDER[3:])]
        for m in members
    ]


def write_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([HEADER_ORDER, *rows])
    return path


def run(url, *args):
    return CliRunner().invoke(
        import_file, [str(a) for a in args], env={"DTKS_DATABASE_URL": url}
    )
