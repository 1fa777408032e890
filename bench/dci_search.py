"""DCI sync search latency against the raw SQL of the same question.

    python -m bench.dci_search --people 100000 --db /tmp/dtks-dci.sqlite3

Builds a Kabupaten Jepara through the baseline import (unless --reuse), then
measures in one run, on one store: POST /dci/registry/sync/search (in process,
through the Flask app: envelope checks against the standard, search, records,
JSON, the transaction kept) by NIK, and by predicate (children under five in
the kabupaten, a page of 100 with its total count; once in the default order,
oldest first, and once sorted by NIK, the default before 2026-12-02), each as
p50/p95 and as a ratio to the SQL of the same answer (count, page, rows:
dci/search.py) run directly on the same read store, in wall-clock and in
thread time. Each of those samples is a new question (the counts and page ends
kept by dci/counts.py are dropped before it); a last figure pages through the
same predicate (pages 2 to 51), its count and page ends kept. The predicate's
count is also timed alone, from the rows and from the kept tally
(rm_born_tally), and pages 1,001 on, each seeking past the one before and by
OFFSET. `--reuse --db` takes any built store, e.g. a copy of the one
`python -m bench.lists` builds; opening it with a newer read-model version
rebuilds that model first (timed: `migrate_seconds`).
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import statistics
import time

from api import create_app
from bench.read_side import generate
from dci.counts import Marks, forget
from dci.criteria import read
from dci.search import search, where_of
from dci.tally import tally_count
from tests import dci_support as dci

AS_OF = "2026-06-01"


def percentiles(times: list[float]) -> dict:
    """p50 and p95 in milliseconds."""
    times = sorted(times)
    return {
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 2),
    }


def timed(work, samples: int, before=None) -> tuple[list[float], list[float]]:
    """Milliseconds of each of `samples` runs of work(i) (after before(), untimed):
    wall clock, and CPU time of this thread (robust to the machine's load)."""
    wall, thread = [], []
    for i in range(samples):
        if before is not None:
            before()
        began, began_cpu = time.perf_counter(), time.thread_time()
        work(i)
        thread.append((time.thread_time() - began_cpu) * 1000)
        wall.append((time.perf_counter() - began) * 1000)
    return wall, thread


def compared(endpoint, raw, samples: int, before) -> dict:
    """The endpoint's and the SQL's percentiles, wall clock and thread time."""
    ours, ours_cpu = timed(endpoint, samples, before)
    sql, sql_cpu = timed(raw, samples, before)
    figures = {
        "endpoint": percentiles(ours),
        "raw_sql": percentiles(sql),
        "endpoint_thread": percentiles(ours_cpu),
        "raw_sql_thread": percentiles(sql_cpu),
    }
    figures["p95_ratio"] = round(
        figures["endpoint"]["p95_ms"] / figures["raw_sql"]["p95_ms"], 1
    )
    return figures


def counts(store, criteria, samples: int) -> dict:
    """The predicate's count from the rows and from the kept tally, thread time."""
    where, params = where_of(criteria, "33.20")
    rows = (f"SELECT COUNT(*) FROM rm_membership m WHERE {where}", params)
    tallied = tally_count(criteria.condition, criteria.as_of, "33.20")
    assert tallied is not None
    found = {}
    for name, (statement, values) in (("rows", rows), ("tally", tallied)):
        _, cpu = timed(lambda i, q=statement, v=values: store.query(q, v), samples)
        found[f"count_from_{name}_thread"] = percentiles(cpu)
        found[f"count_from_{name}"] = store.query(statement, values)[0][0]
    return found


def deep_pages(store, criteria: dict, samples: int) -> dict:
    """Pages 1001 onwards of the predicate in a row, thread time: each seeking
    past the one before (page 1000 served first), and each read by OFFSET."""
    found = {}
    unmarked = lambda: setattr(store, "dci_marks", Marks())  # noqa: E731
    for name, before in (("seek", None), ("offset", unmarked)):
        forget(store)
        criteria["pagination"] = {"page_size": 100, "page_number": 1000}
        search(store, read(criteria, AS_OF), "33.20")

        def page(i):
            criteria["pagination"] = {"page_size": 100, "page_number": 1001 + i}
            search(store, read(criteria, AS_OF), "33.20")

        found[f"pages_1001_on_by_{name}_thread"] = percentiles(
            timed(page, samples, before)[1]
        )
    return found


def measure(args) -> dict:
    """Latency of the endpoint and of the raw SQL, by NIK and by predicate."""
    # Limits off: thousands of timed searches by one partner token.
    app = create_app({"DATABASE_URL": f"sqlite:///{args.db}", "RATE_LIMITS": "off"})
    ledger = app.extensions["dtks_ledger"]()
    began = time.perf_counter()
    migrated = ledger.index.projector.migrate()  # a new store or model: build it
    migrate_seconds = round(time.perf_counter() - began, 1)
    partner = dci.Partner(app.test_client(), dci.add_partner(ledger, "33.20"))
    store = app.extensions["dtks_read"]().store
    partner.sync_search(dci.by_id("NIK", "0"))  # catch up, create tables
    rng = random.Random(5)
    niks = [row[0] for row in store.query("SELECT nik FROM rm_membership LIMIT 20000")]
    picked = [rng.choice(niks) for _ in range(args.samples)]
    meta = {"as_of": AS_OF}
    bearer = {"Authorization": f"Bearer {partner.token}"}
    by_nik = dci.by_id("NIK", "", "Member")
    children = dci.predicate(("age", "lt", 5), ("location", "eq", "33.20"))
    by_nik_sort = [{"attribute_name": "nik", "sort_order": "asc"}]
    sorted_children = dci.predicate(
        ("age", "lt", 5), ("location", "eq", "33.20"), sort=by_nik_sort
    )

    def post_search(message):
        body = {"header": dci.header("search", meta=meta), "message": message}
        response = partner.http.post(
            "/dci/registry/sync/search", json=body, headers=bearer
        )
        assert response.status_code == 200

    def endpoint_nik(i):
        by_nik["search_request"][0]["search_criteria"]["query"]["value"] = picked[i]
        post_search(by_nik)

    def raw_nik(i):
        by_nik["search_request"][0]["search_criteria"]["query"]["value"] = picked[i]
        search(
            store, read(by_nik["search_request"][0]["search_criteria"], AS_OF), "33.20"
        )

    next_pages = copy.deepcopy(children)
    next_criteria = next_pages["search_request"][0]["search_criteria"]

    def endpoint_page(i):
        next_criteria["pagination"] = {"page_size": 100, "page_number": 2 + i % 50}
        post_search(next_pages)

    def raw_page(i):
        next_criteria["pagination"] = {"page_size": 100, "page_number": 2 + i % 50}
        search(store, read(next_criteria, AS_OF), "33.20")

    criteria = read(children["search_request"][0]["search_criteria"], AS_OF)
    sorted_criteria = read(
        sorted_children["search_request"][0]["search_criteria"], AS_OF
    )
    figures: dict = {"migrated": migrated, "migrate_seconds": migrate_seconds}
    for name, endpoint, raw, new_question in (
        ("by_nik", endpoint_nik, raw_nik, True),
        (
            "children_under_5_in_kabupaten",
            lambda i: post_search(children),
            lambda i: search(store, criteria, "33.20"),
            True,
        ),
        (
            "children_under_5_in_kabupaten_sorted_by_nik",
            lambda i: post_search(sorted_children),
            lambda i: search(store, sorted_criteria, "33.20"),
            True,
        ),
        ("children_under_5_pages_2_to_51", endpoint_page, raw_page, False),
    ):
        # A new question each time: its count and page ends are not kept.
        before = (lambda: forget(store)) if new_question else None
        figures[name] = compared(endpoint, raw, args.samples, before)
    figures |= counts(store, criteria, min(args.samples, 50))
    figures |= deep_pages(store, next_criteria, min(args.samples, 50))
    figures["matches_of_predicate"] = search(store, criteria, "33.20")[1]
    ledger.close()
    return figures


def main() -> None:
    """Build the population (unless --reuse), then measure."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--db", default="/tmp/dtks-dci.sqlite3")
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()
    figures = {} if args.reuse else generate(args)
    figures |= measure(args)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
