"""Paging through a DCI search: a page after one this process served seeks past
that page's last sort key; every page is the one OFFSET reads, in every order,
with NULLs in the sorted columns, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from bench import population
from dci import pages
from dci.counts import forget
from dci.criteria import read
from dci.search import search
from events import projections
from events.born import born
from events.readside import open_service
from workflow.actors import command_line_actor

DESA = population.desa_codes()[0]
ORDERS = [  # (entity, sort)
    ("Member", None),
    ("Member", [("nik", "desc")]),
    ("Member", [("name", "asc")]),
    ("Member", [("name", "desc"), ("kk", "asc")]),
    ("Member", [("birth_date", "desc")]),
    ("Member", [("birth_date", "asc")]),
    ("Member", [("location", "desc"), ("name", "asc")]),
    ("Group", None),
    ("Group", [("kk", "desc")]),
    ("Group", [("location", "desc")]),
]


@pytest.fixture
def store(store_url):
    """A baseline of Jepara, and a few people of one desa without a name or a
    birth date (written straight into the read model: no proposal leaves them
    out, but the columns allow it)."""
    ledger = open_service(store_url)
    source = {"name": "t", "sha256": "", "effective_on": "2025-07-01", "decree": ""}
    ledger.import_baseline(command_line_actor(), population.families(300), source)
    ledger.index.fresh()
    read_store = ledger.index.store
    with read_store.transaction() as cur:
        for n in range(6):
            details = {"name": None if n % 2 else "Tanpa Tanggal", "sex": "M"}
            details["birth_date"] = None if n < 4 else "1990-01-01"
            nik = f"3320{n:012d}"
            row = projections.membership_row(
                nik, f"3320999{n:09d}", DESA, details, "2025-07-01", 1
            )
            cur.insert(projections.MEMBERSHIP, row)
            born(cur, DESA, details["birth_date"], "M", "2025-07-01", 1)
    yield read_store
    ledger.close()


def _criteria(entity: str, sort, size: int, number: int):
    asked = {
        "query_type": "predicate",
        "query": [
            {
                "seq_num": 1,
                "expression1": {
                    "attribute_name": "sex",
                    "operator": "eq",
                    "attribute_value": "male",
                },
            }
        ],
        "response_entity": entity,
        "pagination": {"page_size": size, "page_number": number},
    }
    if sort:
        asked["sort"] = [{"attribute_name": a, "sort_order": d} for a, d in sort]
    return read(asked, "2026-01-01")


def _identity(found: list[dict]) -> list[str]:
    return [r["nik"] if "nik" in r else r["kk"] for r in found]


def test_every_page_read_after_the_one_before_is_the_page_offset_reads(
    store, monkeypatch
):
    seeks = []
    after = pages.Seek.after
    monkeypatch.setattr(pages.Seek, "after", lambda *a: seeks.append(a) or after(*a))
    for entity, sort in ORDERS:
        forget(store)
        seeks.clear()
        seen: list[str] = []
        number = 1
        while True:
            criteria = _criteria(entity, sort, 23, number)
            found, total = search(store, criteria, "33.20")
            kept = store.dci_marks
            forget(store)  # the same page again, read by OFFSET
            offset, _ = search(store, criteria, "33.20")
            store.dci_marks = kept
            assert _identity(found) == _identity(offset), (entity, sort, number)
            if not found:
                break
            seen += _identity(found)
            number += 1
        assert len(seen) == len(set(seen)) == total, (entity, sort)
        assert len(seeks) == number - 1  # every page after the first sought
