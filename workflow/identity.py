"""NIK and No. KK checks: structure, birth date, sex and region prefix."""

from __future__ import annotations

import datetime as dt
import time
from functools import lru_cache

from lokal.provinces import PROVINCES

from workflow.regions import region_name


@lru_cache(maxsize=4096)
def _prefix_fault(prefix: str) -> str | None:
    """What is wrong with the region digits (the first six) of a number, or None.

    A kabupaten's numbers share a few hundred prefixes, so each is judged once.
    """
    province, kabkota = prefix[0:2], f"{prefix[0:2]}.{prefix[2:4]}"
    if province not in PROVINCES:
        return f"province code {province} is unknown"
    if region_name(kabkota) is None:
        return f"kabupaten/kota code {kabkota} is unknown"
    if prefix[4:6] == "00":
        return "kecamatan code may not be 00"
    return None


_clock = (0.0, dt.date.min)


def today() -> dt.date:
    """Today's date. A baseline import asks twice per person, so the clock is
    read again only when a second has passed."""
    global _clock
    now = time.monotonic()
    if now - _clock[0] >= 1:
        _clock = (now, dt.date.today())
    return _clock[1]


@lru_cache(maxsize=65_536)
def _real_date(ddmmyy: str, women_add_40: bool, this_year: int) -> bool:
    """Whether the DDMMYY digits of a number name a real date.

    A two-digit year not after this year's is of this century, else the last.
    """
    day, month, yy = _day_month_yy(ddmmyy, women_add_40)
    year = 2000 + yy if yy <= this_year % 100 else 1900 + yy
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _number_problem(number: object, label: str, what: str, women_add_40: bool):
    if not isinstance(number, str) or len(number) != 16 or not number.isdigit():
        return f"{label} must be exactly 16 digits, got {number!r}"
    fault = _prefix_fault(number[0:6])
    if fault:
        return f"{label} {number}: {fault}"
    if not _real_date(number[6:12], women_add_40, today().year):
        return f"{label} {number}: the {what} in the number is not a real date"
    if number[12:] == "0000":
        return f"{label} {number}: the serial number may not be 0000"
    return None


def nik_problem(nik: object) -> str | None:
    """Why a NIK cannot be a real NIK, or None when its structure is sound."""
    return _number_problem(nik, "NIK", "birth date", women_add_40=True)


def kk_problem(kk: object) -> str | None:
    """Why a No. KK cannot be a real family card number, or None."""
    return _number_problem(kk, "No. KK", "registration date", women_add_40=False)


def sex_in_nik(nik: str) -> str:
    """'F' when the NIK's day carries the +40 of women, else 'M'."""
    return "F" if int(nik[6:8]) > 40 else "M"


def sex_problem(nik: str, sex: str) -> str | None:
    """Why the declared sex disagrees with a (structurally valid) NIK, or None."""
    expected = sex_in_nik(nik)
    if sex == expected:
        return None
    day = int(nik[6:8])
    meaning = "female (day + 40)" if expected == "F" else "male"
    return f"sex {sex} contradicts NIK {nik} (day {day:02d} means {meaning})"


def birth_date_problem(nik: str, birth_date: dt.date) -> str | None:
    """Why a birth date disagrees with the DDMMYY inside a NIK, or None."""
    in_nik = _day_month_yy(nik[6:12], women_add_40=True)
    if in_nik == (birth_date.day, birth_date.month, birth_date.year % 100):
        return None
    return (
        f"birth date {birth_date.isoformat()} contradicts NIK {nik} "
        f"(the NIK says {in_nik[0]:02d}-{in_nik[1]:02d}-{in_nik[2]:02d}, DD-MM-YY)"
    )


@lru_cache(maxsize=65_536)
def _day_month_yy(ddmmyy: str, women_add_40: bool) -> tuple[int, int, int]:
    """The DDMMYY digits of a number as numbers; in a NIK, the +40 of women
    taken off the day."""
    day = int(ddmmyy[0:2])
    if women_add_40 and day > 40:
        day -= 40
    return day, int(ddmmyy[2:4]), int(ddmmyy[4:6])
