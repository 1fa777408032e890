"""Every list is an index lookup on a read model: filters, scope, paging, errors."""

from __future__ import annotations

import statistics
import time

import pytest

from events.readside import open_service
from tests.support import (
    DESA,
    KECAMATAN,
    add_body,
    family_of_three,
    make_actors,
    walk_to_ratified,
)


@pytest.fixture
def busy(store_url):
    """Kedungmalang with 40 families proposed; two of them ratified."""
    ledger = open_service(store_url)
    actors = make_actors(ledger)
    ids = []
    for serial in range(1, 81, 2):
        kk, members = family_of_three(serial)
        ids.append(
            str(ledger.submit_proposal(actors["operator"], add_body(kk, members)).id)
        )
    walk_to_ratified(ledger, actors, ids[:2])
    yield ledger, actors, ids
    ledger.close()


def test_a_camat_inbox_lists_its_kecamatan_oldest_first_page_by_page(busy):
    ledger, actors, ids = busy
    seen, cursor = [], ""
    while cursor is not None:
        query = {
            "status": "submitted",
            "limit": "15",
            **({"cursor": cursor} if cursor else {}),
        }
        page, cursor = ledger.list_proposals(actors["camat"], query)
        assert len(page) <= 15
        seen += [p["id"] for p in page]
    assert seen == ids[2:]
    ratified, _ = ledger.list_proposals(actors["camat"], {"status": "ratified"})
    assert [(p["id"], p["version"]) for p in ratified] == [
        (pid, ledger.proposal(actors["camat"], pid).version) for pid in ids[:2]
    ]


def test_a_listed_proposal_reads_as_the_record_itself(busy):
    ledger, actors, ids = busy
    from api import present

    listed, _ = ledger.list_proposals(actors["operator"], {"limit": "1"})
    assert listed == [present.proposal(ledger.proposal(actors["operator"], ids[0]))]


def test_a_filter_that_matches_nothing_answers_an_empty_last_page(busy):
    ledger, actors, _ids = busy
    for query in (
        {"status": "determined"},
        {"kind": "remove"},
        {"region": "33.20.01.2002"},
    ):
        assert ledger.list_proposals(actors["camat"], query) == ([], None)


def test_determining_every_ratified_proposal_reads_the_index(busy):
    ledger, actors, ids = busy
    body = {
        "period": "2026-11",
        "decree_number": "KEP-11",
        "effective_on": "2026-11-01",
    }
    made = ledger.determine(actors["ministry"], body)
    assert sorted(made.proposal_ids) == sorted(ids[:2])
    listed, _ = ledger.list_determinations(actors["ministry"], {})
    assert [(d["decree_number"], d["applied"]) for d in listed] == [("KEP-11", 2)]


def test_decrees_and_accounts_are_listed_within_scope(busy):
    ledger, actors, _ids = busy
    decrees, _ = ledger.list_ratifications(actors["verifier"], {})
    assert [d["kabkota"] for d in decrees] == ["33.20"]
    assert ledger.list_ratifications(actors["camat"], {}) == ([], None)
    users, _ = ledger.list_users(actors["admin"], {"role": "camat"})
    assert [(u["region"], u["tokens"]) for u in users] == [(KECAMATAN, 1)]
    ledger.revoke_tokens(actors["admin"], users[0]["id"])
    users, _ = ledger.list_users(actors["admin"], {"role": "camat"})
    assert users[0]["tokens"] == 0


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"cursor": "²"}, "cursor"),
        ({"cursor": "99999999999999999999"}, "cursor"),
        ({"limit": "0"}, "limit"),
        ({"limit": "201"}, "limit"),
        ({"desa": "33.20.01.2001"}, "desa"),
        ({"status": "approved"}, "status"),
        ({"region": "99.99"}, "region"),
    ],
)
def test_a_list_refuses_a_query_it_cannot_answer_naming_the_field(busy, query, field):
    from workflow.errors import InvalidInput

    ledger, actors, _ids = busy
    with pytest.raises(InvalidInput) as refused:
        ledger.list_proposals(actors["camat"], query)
    assert list(refused.value.errors) == [field]


def _median_ms(call, runs: int = 25) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def test_an_empty_inbox_costs_no_more_than_a_full_one(sqlite_url):
    """Thousands of proposals elsewhere: the empty answer is an index lookup too."""
    ledger = open_service(sqlite_url)
    actors = make_actors(ledger)
    for serial in range(1, 2001, 2):
        kk, members = family_of_three(serial)
        ledger.submit_proposal(actors["operator"], add_body(kk, members))
    camat = actors["camat"]
    full = _median_ms(lambda: ledger.list_proposals(camat, {"status": "submitted"}))
    empty = _median_ms(lambda: ledger.list_proposals(camat, {"status": "endorsed"}))
    assert ledger.list_proposals(camat, {"status": "endorsed"}) == ([], None)
    # Walking 1,000 proposals took hundreds of times a page's cost; a lookup does not.
    assert empty <= full * 2 + 1, (empty, full)
    ledger.close()


def test_the_camat_pages_the_desa_that_held_no_musdes_in_a_month(busy):
    from workflow.errors import OutOfScope

    ledger, actors, _ids = busy
    camat = actors["camat"]
    # The fixture's Musdes in Kedungmalang was held on 2026-10-05.
    quiet, cursor = [], None
    while True:
        query = {"month": "2026-10", "limit": "5", "cursor": cursor}
        codes, cursor = ledger.list_desa_without_musdes(camat, query)
        assert 0 < len(codes) <= 5
        quiet += codes
        if cursor is None:
            break
    assert len(quiet) == 17 and quiet == sorted(quiet)
    assert DESA not in quiet and "33.20.01.2002" in quiet
    november, _ = ledger.list_desa_without_musdes(camat, {"month": "2026-11"})
    assert DESA in november and len(november) == 18
    with pytest.raises(OutOfScope):
        ledger.list_desa_without_musdes(actors["operator"], {})
