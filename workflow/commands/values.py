"""Value objects of the commands: a NIK, a No. KK and a region code, checked once.

Each is a `str`, so it goes wherever the number or code went before; building
one runs the rule that makes it valid, and an invalid one cannot exist.
"""

from __future__ import annotations

from typing import ClassVar

from workflow.errors import InvalidInput
from workflow.fields import Errors
from workflow.identity import kk_problem, nik_problem, sex_in_nik
from workflow.problems import Problem
from workflow.regions import region_problem


class _Checked(str):
    """A string that is valid by construction; `field` names it in errors."""

    field: ClassVar[str]

    @classmethod
    def problem(cls, value: object) -> Problem | None:
        """Why `value` cannot be one, or None."""
        raise NotImplementedError

    def __new__(cls, value: object, field: str | None = None):
        """The value object, or InvalidInput naming `field` (default: its own)."""
        problem = cls.problem(value)
        if problem is not None:
            raise InvalidInput({field or cls.field: [problem]})
        return super().__new__(cls, value)  # type: ignore[arg-type]

    @classmethod
    def checked(cls, errors: Errors, field: str, value: object):
        """The value object, or None after recording why `value` is not one."""
        problem = cls.problem(value)
        errors.add(field, problem)
        return None if problem else str.__new__(cls, value)  # type: ignore[arg-type]


class Nik(_Checked):
    """A NIK whose structure, date and region prefix are sound."""

    field = "nik"

    @classmethod
    def problem(cls, value: object) -> Problem | None:
        """Why `value` is not a NIK, or None."""
        return nik_problem(value)

    @property
    def sex(self) -> str:
        """'F' when the day carries the +40 of women, else 'M'."""
        return sex_in_nik(self)


class Kk(_Checked):
    """A No. KK (family card number) whose structure, date and prefix are sound."""

    field = "kk"

    @classmethod
    def problem(cls, value: object) -> Problem | None:
        """Why `value` is not a No. KK, or None."""
        return kk_problem(value)


class RegionCode(_Checked):
    """A Kemendagri region code in the official list (any level)."""

    field = "region"
    level: ClassVar[int | None] = None

    @classmethod
    def problem(cls, value: object) -> Problem | None:
        """Why `value` is not a region code of this class's level, or None."""
        return region_problem(value, cls.level)


class DesaCode(RegionCode):
    """The code of a desa/kelurahan."""

    field, level = "desa", 4


class KabkotaCode(RegionCode):
    """The code of a kabupaten/kota."""

    field, level = "kabkota", 2
