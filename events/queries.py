"""Questions auditors ask of the registry, answered from the read models."""

from __future__ import annotations

from events.db import ReadStore
from events.history import person_history
from events.projections import COLUMNS

AS_OF = "valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)"
LEVEL_COLUMN = {1: "province", 2: "kabkota", 3: "kecamatan", 4: "desa"}
MEMBER = f"nik, kk, desa, valid_from, {COLUMNS}"
ROWS_PER_FAMILY = 25  # sorted per family asked for, above a desa


def region_filter(region: str | None) -> tuple[str, list]:
    """An indexed equality on the column of the region's level (none: national)."""
    if not region:
        return "1 = 1", []
    return f"{LEVEL_COLUMN[region.count('.') + 1]} = ?", [region]


def _member(row: tuple) -> dict:
    # Unrolled: a desa holds thousands of members and this runs for each one.
    nik, _kk, _desa, since, name, born, sex, relationship, disability, job = row
    shown = {
        "nik": nik,
        "name": name,
        "birth_date": born,
        "sex": sex,
        "relationship": relationship,
        "registered_since": since,
    }
    if disability is not None:
        shown["disability"] = disability
    if job is not None:
        shown["occupation"] = job
    return shown


class RegistryQueries:
    """The registry as of any date: families, people, history and counts."""

    def __init__(self, store: ReadStore):
        self.store = store

    def families(self, region, as_of: str, after: str, limit: int):
        """Families with members registered on `as_of`, by No. KK, paged: the
        page's No. KK first, then exactly their members, however large the
        families. (Reading members up to a cap per family read 255 rows to
        show ~185 at 1M people, and 1,275 where families ran large.)"""
        where, params = region_filter(region)
        kks, more = self._page_of_kk(region, where, params, as_of, after, limit)
        if not kks:
            return [], None
        marks = ", ".join("?" * len(kks))
        rows = self.store.query(
            f"SELECT {MEMBER} FROM rm_membership WHERE {where} AND kk IN ({marks}) "
            f"AND {AS_OF} ORDER BY kk, nik",
            [*params, *kks, as_of, as_of],
        )
        grouped: dict[str, list[tuple]] = {}
        for row in rows:
            grouped.setdefault(row[1], []).append(row)
        return self._shown(kks, grouped, as_of), (kks[-1] if more else None)

    def _page_of_kk(self, region, where, params, as_of, after, limit):
        """The No. KK of a page of families after `after`, and whether more follow."""
        matching = f"FROM rm_membership WHERE {where} AND kk > ? AND {AS_OF}"
        args = [*params, after, as_of, as_of]
        if region and region.count(".") == 3:
            # A desa's covering index is in No. KK order: the scan ends with the page.
            rows = self.store.query(
                f"SELECT DISTINCT kk {matching} ORDER BY kk LIMIT ?", [*args, limit + 1]
            )
            kks = [row[0] for row in rows]
            return kks[:limit], len(kks) > limit
        # A wider region has no index in No. KK order: SQLite sorts only the
        # first ROWS_PER_FAMILY member rows per family asked for. When those end
        # before the page does (families that large), the page is shorter.
        cap = (limit + 1) * ROWS_PER_FAMILY
        rows = self.store.query(
            f"SELECT kk, COUNT(*) FROM (SELECT kk {matching} ORDER BY kk LIMIT ?) m "
            "GROUP BY kk ORDER BY kk",
            [*args, cap],
        )
        kks = [row[0] for row in rows]
        more = len(kks) > limit or sum(row[1] for row in rows) == cap
        return kks[:limit], more

    def family(self, kk: str, as_of: str) -> dict | None:
        """One family as it stood on `as_of`, or None when it was not registered."""
        rows = self.store.query(
            f"SELECT {MEMBER} FROM rm_membership WHERE kk = ? AND {AS_OF} ORDER BY nik",
            (kk, as_of, as_of),
        )
        found = self._shown([kk], {kk: rows}, as_of) if rows else []
        return found[0] if found else None

    def _shown(self, kks: list[str], grouped: dict, as_of: str) -> list[dict]:
        if not kks:
            return []
        marks = ", ".join("?" * len(kks))
        addresses = dict(
            self.store.query(
                f"SELECT kk, address FROM rm_family WHERE kk IN ({marks}) AND {AS_OF}",
                [*kks, as_of, as_of],
            )
        )
        return [
            {
                "kk": kk,
                "desa": grouped[kk][0][2],
                "address": addresses.get(kk),
                "members": [_member(row) for row in grouped[kk]],
            }
            for kk in kks
        ]

    def families_named(self, region, text: str, as_of: str, limit: int) -> list:
        """Families on `as_of` with a member whose name contains `text`."""
        where, params = region_filter(region)
        pattern = "%" + text.lower().replace("%", "").replace("_", "") + "%"
        rows = self.store.query(
            f"SELECT DISTINCT kk FROM rm_membership WHERE {where} AND {AS_OF} "
            "AND lower(name) LIKE ? ORDER BY kk LIMIT ?",
            [*params, as_of, as_of, pattern, limit],
        )
        found = [self.family(row[0], as_of) for row in rows]
        return [family for family in found if family]

    def known_family_desa(self, kk: str) -> str | None:
        """The desa a family was last registered in, whenever that was."""
        rows = self.store.query(
            "SELECT desa FROM rm_family WHERE kk = ? ORDER BY valid_from DESC LIMIT 1",
            (kk,),
        )
        return rows[0][0] if rows else None

    def person(self, nik: str, as_of: str) -> dict | None:
        """A person on `as_of`; None when the NIK was never in the registry."""
        rows = self.store.query(
            f"SELECT {MEMBER}, valid_to FROM rm_membership WHERE nik = ? "
            "ORDER BY valid_from, position",
            (nik,),
        )
        if not rows:
            return None
        current = [
            r for r in rows if r[3] <= as_of and (r[10] is None or r[10] > as_of)
        ]
        row = current[-1] if current else rows[-1]
        shown = {
            **_member(row[:10]),
            "nik": nik,
            "registered": bool(current),
            "kk": row[1] if current else None,
            "desa": row[2],
        }
        return shown

    def history(self, nik: str) -> list[dict]:
        """Every change of a person's registration with the decisions behind it."""
        return person_history(self.store, nik)

    def stats(self, region: str | None, as_of: str) -> dict:
        """Families and people on `as_of` in a region, and per child region.

        Sums of the tally of registrations begun and ended per desa and day,
        so a kabupaten costs a few thousand small rows, not a million; read
        once, per child region, the region's totals being the children's sum
        (a second scan for the totals cost a kecamatan's answer a third).
        """
        where, params = region_filter(region)
        level = region.count(".") + 1 if region else 0
        child = LEVEL_COLUMN[level + 1] if level < 4 else "NULL"
        grouped = f"GROUP BY {child} ORDER BY {child}" if level < 4 else ""
        rows = self.store.query(
            f"SELECT {child}, COALESCE(SUM(families), 0), COALESCE(SUM(people), 0) "
            f"FROM rm_tally WHERE {where} AND day <= ? {grouped}",
            [*params, as_of],
        )
        counted = [
            (code, int(families), int(people)) for code, families, people in rows
        ]
        children = {
            code: {"families": families, "people": people}
            for code, families, people in counted
            if people != 0 and level < 4
        }
        return {
            "families": sum(families for _, families, _ in counted),
            "people": sum(people for _, _, people in counted),
            "children": children,
        }
