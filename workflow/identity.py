"""NIK and No. KK checks: structure, birth date, sex and region prefix."""

from __future__ import annotations

import datetime as dt
import time

from lokal.provinces import PROVINCES

from workflow.regions import region_name


def _prefix_problem(number: str, label: str) -> str | None:
    province, kabkota = number[0:2], f"{number[0:2]}.{number[2:4]}"
    if province not in PROVINCES:
        return f"{label} {number}: province code {province} is unknown"
    if region_name(kabkota) is None:
        return f"{label} {number}: kabupaten/kota code {kabkota} is unknown"
    if number[4:6] == "00":
        return f"{label} {number}: kecamatan code may not be 00"
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


def _date_in(number: str, day: int) -> dt.date | None:
    month, yy = int(number[8:10]), int(number[10:12])
    year = 2000 + yy if yy <= today().year % 100 else 1900 + yy
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _shape_problem(number: object, label: str) -> str | None:
    if not isinstance(number, str) or len(number) != 16 or not number.isdigit():
        return f"{label} must be exactly 16 digits, got {number!r}"
    return None


def _number_problem(number: object, label: str, what: str, women_add_40: bool):
    problem = _shape_problem(number, label)
    if problem:
        return problem
    assert isinstance(number, str)
    problem = _prefix_problem(number, label)
    if problem:
        return problem
    day = int(number[6:8])
    if women_add_40 and day > 40:
        day -= 40
    if _date_in(number, day) is None:
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
    day = int(nik[6:8])
    day = day - 40 if day > 40 else day
    in_nik = (day, int(nik[8:10]), int(nik[10:12]))
    given = (birth_date.day, birth_date.month, birth_date.year % 100)
    if in_nik == given:
        return None
    return (
        f"birth date {birth_date.isoformat()} contradicts NIK {nik} "
        f"(the NIK says {in_nik[0]:02d}-{in_nik[1]:02d}-{in_nik[2]:02d}, DD-MM-YY)"
    )
