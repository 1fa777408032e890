"""NIK and No. KK checks: structure, birth date, sex and region prefix."""

from __future__ import annotations

import datetime as dt
import re
import time
from functools import lru_cache

from lokal.provinces import PROVINCES

from workflow.problems import Problem
from workflow.regions import region_name


@lru_cache(maxsize=4096)
def _prefix_fault(prefix: str) -> tuple[str, dict] | None:
    """What is wrong with the region digits (the first six) of a number, as a
    problem code and its parameters, or None.

    A kabupaten's numbers share a few hundred prefixes, so each is judged once.
    """
    province, kabkota = prefix[0:2], f"{prefix[0:2]}.{prefix[2:4]}"
    if province not in PROVINCES:
        return "number.province", {"province": province}
    if region_name(kabkota) is None:
        return "number.kabkota", {"kabkota": kabkota}
    if prefix[4:6] == "00":
        return "number.kecamatan", {}
    return None


#: The form of a NIK or No. KK; `nik_problem` and `kk_problem` say more.
NUMBER_FORM = r"^[0-9]{16}$"

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


def _number_problem(number: object, kind: str, women_add_40: bool) -> Problem | None:
    # the form, not isdigit(), which also accepts "²" and other scripts' digits
    if not isinstance(number, str) or not re.fullmatch(NUMBER_FORM, number):
        return Problem("number.digits", kind=kind, number=number)
    fault = _prefix_fault(number[0:6])
    if fault:
        return Problem(fault[0], kind=kind, number=number, **fault[1])
    if not _real_date(number[6:12], women_add_40, today().year):
        return Problem("number.date", kind=kind, number=number)
    if number[12:] == "0000":
        return Problem("number.serial", kind=kind, number=number)
    return None


def nik_problem(nik: object) -> Problem | None:
    """Why a NIK cannot be a real NIK, or None when its structure is sound."""
    return _number_problem(nik, "nik", women_add_40=True)


def kk_problem(kk: object) -> Problem | None:
    """Why a No. KK cannot be a real family card number, or None."""
    return _number_problem(kk, "kk", women_add_40=False)


def sex_in_nik(nik: str) -> str:
    """'F' when the NIK's day carries the +40 of women, else 'M'."""
    return "F" if int(nik[6:8]) > 40 else "M"


def sex_problem(nik: str, sex: str) -> Problem | None:
    """Why the declared sex disagrees with a (structurally valid) NIK, or None."""
    expected = sex_in_nik(nik)
    if sex == expected:
        return None
    day = int(nik[6:8])
    return Problem("nik.sex_mismatch", sex=sex, nik=nik, day=day, means=expected)


def birth_date_problem(nik: str, birth_date: dt.date) -> Problem | None:
    """Why a birth date disagrees with the DDMMYY inside a NIK, or None."""
    day, month, yy = _day_month_yy(nik[6:12], women_add_40=True)
    if (day, month, yy) == (birth_date.day, birth_date.month, birth_date.year % 100):
        return None
    return Problem(
        "nik.birth_date_mismatch",
        birth_date=birth_date.isoformat(),
        nik=nik,
        day=day,
        month=month,
        yy=yy,
    )


@lru_cache(maxsize=65_536)
def _day_month_yy(ddmmyy: str, women_add_40: bool) -> tuple[int, int, int]:
    """The DDMMYY digits of a number as numbers; in a NIK, the +40 of women
    taken off the day."""
    day = int(ddmmyy[0:2])
    if women_add_40 and day > 40:
        day -= 40
    return day, int(ddmmyy[2:4]), int(ddmmyy[4:6])
