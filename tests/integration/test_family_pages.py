"""A desa's families, page by page: every family whole, large ones included."""

from __future__ import annotations

import random

import pytest

from bench.population import Numbers, _born, _person
from events.readside import open_service
from workflow.actors import command_line_actor
from workflow.baseline_checks import FamilyRows

DESA = "33.20.01.2001"
SOURCE = {"name": "t", "sha256": "", "effective_on": "2025-07-01", "decree": ""}


def _family(rng, numbers, size: int, line: int) -> FamilyRows:
    head = _person(rng, numbers, DESA, _born(rng, 30, 60), "M", "head")
    children = [
        _person(rng, numbers, DESA, _born(rng, 0, 20), rng.choice("MF"), "child")
        for _ in range(size - 1)
    ]
    members = [{**m, "occupation": m["occupation"] or ""} for m in [head, *children]]
    return FamilyRows(
        kk=numbers.kk(DESA, _born(rng, 5, 15)),
        desa=DESA,
        address="RT 01 RW 01",
        lines=list(range(line, line + size)),
        members=members,
    )


@pytest.mark.parametrize("region", [DESA, DESA[:8]])  # the desa, its kecamatan
def test_pages_of_a_region_show_every_family_whole_however_large(store_url, region):
    rng, numbers = random.Random(3), Numbers()
    # Some beyond a usual family, one beyond what a kecamatan's page sorts per
    # family (events.queries.ROWS_PER_FAMILY) even on a page of three.
    sizes = [2, 12, 3, 11, 1, 4, 13, 2, 2, 3, 101, 2]
    families, line = [], 2
    for size in sizes:
        families.append(_family(rng, numbers, size, line))
        line += size
    ledger = open_service(store_url)
    ledger.import_baseline(command_line_actor(), families, SOURCE)
    registry = ledger.index.fresh()
    expected = {f.kk: len(f.members) for f in families}

    for limit in (1, 2, 3):
        shown, cursor = {}, ""
        while cursor is not None:
            page, cursor = registry.families(region, "2025-07-01", cursor, limit)
            assert 0 < len(page) <= limit
            shown.update({f["kk"]: len(f["members"]) for f in page})
        assert shown == expected
    ledger.close()
