"""The demo's families as proposal bodies, with NIKs and No. KKs that stay valid.

A NIK is the kecamatan code, the birth date as DDMMYY (day + 40 for women) and a
serial; a No. KK is the kecamatan code, the registration date and a serial. Both
follow from the family's number, so every run proposes the same people.
"""

from __future__ import annotations

import datetime as dt

from dtks.demo_data import BOYS, GIRLS, Region

#: Family shapes, cycled through: each member as "relationship sex generation
#: [disability]", then the criteria beyond low_income (which every family meets)
#: and informal_work (added when the head works).
SHAPES = (
    ("head M adult, spouse F adult, child M young, child F toddler", "stunting"),
    ("head M adult, spouse F adult, child F young, parent F elder", "elderly"),
    ("head F adult, child M young, child F young, parent M elder", "elderly"),
    ("head M adult fisik, spouse F adult, child M young", "disability"),
    ("head M adult, spouse F adult, child F young, child M young, child F toddler", ""),
    (
        "head M adult, spouse F adult, child M young intelektual, parent M elder",
        "elderly",
    ),
)
REMOVAL_NOTES = {
    "deceased": "Meninggal dunia; surat keterangan kematian dari desa terlampir",
    "moved": "Sekeluarga pindah domisili ke luar kabupaten/kota",
}


def family(region: Region, j: int) -> dict:
    """The add proposal of family number `j` of the region's desa."""
    spec, extra = SHAPES[j % len(SHAPES)]
    members: list[dict] = []
    for i, text in enumerate(spec.split(", ")):
        older = sum(m["relationship"] == "child" for m in members)
        members.append(_member(region, text.split(), j, i, older))
    works = members[0]["occupation"] != "tidak bekerja"
    return {
        "kind": "add",
        "desa": region.desa,
        "family": {"kk": kk(region, j), "address": _address(region, j)},
        "members": members,
        "criteria": ["low_income", *extra.split(), *["informal_work"] * works],
    }


def _member(region: Region, words: list[str], j: int, i: int, older: int) -> dict:
    """Member `i` of family `j`; `older` counts the children listed before it."""
    relationship, sex, generation, *disability = words
    born = _born(generation, j, i, older)
    member = {
        "nik": _nik(region, born, sex, 10 * j + i + 1),
        "name": _name(region, sex, generation, j, older),
        "birth_date": born.isoformat(),
        "sex": sex,
        "relationship": relationship,
        "occupation": _occupation(region, relationship, generation, born, j),
    }
    if disability:
        member["disability"] = f"disabilitas {disability[0]}"
        member["occupation"] = "tidak bekerja"
    return {k: v for k, v in member.items() if v is not None}


def newborn(region: Region, j: int) -> dict:
    """An add proposal for a baby girl born into registered family `j`."""
    born = dt.date(2025, 8, 3 + j)
    baby = {
        "nik": _nik(region, born, "F", 10 * j + 9),
        "name": _name(region, "F", "young", j, 5),  # no sibling has this name
        "birth_date": born.isoformat(),
        "sex": "F",
        "relationship": "child",
    }
    note = "Bayi baru lahir, sudah tercatat di Kartu Keluarga"
    return {**family(region, j), "members": [baby], "note": note}


def removal(region: Region, j: int, reason: str) -> dict:
    """Remove the elderly parent of family `j` (deceased) or all of it (moved)."""
    added = family(region, j)
    parents = [m for m in added["members"] if m["relationship"] == "parent"]
    return {
        "kind": "remove",
        "desa": region.desa,
        "family": {"kk": added["family"]["kk"]},
        "members": [{"nik": m["nik"]} for m in parents] if reason == "deceased" else [],
        "reason": reason,
        "note": REMOVAL_NOTES[reason],
    }


def update(region: Region, j: int, occupation: str) -> dict:
    """Correct the occupation of the head of family `j`."""
    added = family(region, j)
    head = added["members"][0]["nik"]
    return {
        "kind": "update",
        "desa": region.desa,
        "family": {"kk": added["family"]["kk"]},
        "members": [{"nik": head, "occupation": occupation}],
        "note": f"Kepala keluarga kini bekerja sebagai {occupation}",
    }


def kk(region: Region, j: int) -> str:
    """The No. KK of family `j`: kecamatan, registration date, serial."""
    on = dt.date(2009 + j % 12, 7 * j % 12 + 1, 13 * j % 28 + 1)
    return f"{region.kecamatan.replace('.', '')}{on:%d%m%y}{j + 1:04d}"


def _nik(region: Region, born: dt.date, sex: str, serial: int) -> str:
    day = born.day + (40 if sex == "F" else 0)  # women's NIKs carry day + 40
    return f"{region.kecamatan.replace('.', '')}{day:02d}{born:%m%y}{serial:04d}"


def _born(generation: str, j: int, i: int, older: int) -> dt.date:
    head = 1972 + 3 * j % 17
    year = {
        "adult": head + 3 * min(i, 1),  # the spouse is three years younger
        "young": min(head + 24 + 4 * older, 2020),
        "toddler": 2023 + j % 2,
        "elder": 1940 + j,
    }[generation]
    return dt.date(year, (5 * j + 7 * i) % 12 + 1, (11 * j + 5 * i) % 28 + 1)


def _name(region: Region, sex: str, generation: str, j: int, older: int) -> str:
    adults = region.men if sex == "M" else region.women
    if generation == "adult":
        return adults[j]
    if generation == "elder":
        return adults[(j + 7) % len(adults)]
    kids = BOYS if sex == "M" else GIRLS
    return kids[(3 * j + older + int(region.kabkota[:2])) % len(kids)]


def _occupation(
    region: Region, relationship: str, generation: str, born: dt.date, j: int
) -> str | None:
    if generation == "toddler":
        return None
    if generation == "elder":
        return "tidak bekerja"
    if relationship == "spouse":
        return "mengurus rumah tangga"
    if generation == "young":
        return "pelajar" if born.year >= 2008 else region.work[(j + 1) % 4]
    return region.work[j % len(region.work)]


def _address(region: Region, j: int) -> str:
    return f"RT {j % 6 + 1:03d} RW {j % 3 + 1:03d}, {region.street}"
