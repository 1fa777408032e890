"""The update-frequency measure and the monthly figures of docs/OVERSIGHT.md."""

from __future__ import annotations

from workflow.oversight import laggards, months_between, per_region, without_musdes

A, B = "33.20.01.2001", "33.20.01.2002"


def _found(counts, people=None, last=None) -> dict:
    return {
        "counts": counts,
        "people": people or {A: 1000, B: 1000},
        "last_change": last or {},
    }


def _ranks(first: str, last: str, counts) -> dict[str, int]:
    rows = per_region([A, B], months_between(first, last), _found(counts))
    return {row["region"]: row["rank"] for row in rows}


def test_a_desa_with_no_change_for_three_months_drops_in_the_ranking():
    # A changes a little every month; B changes a lot, but only until March.
    counts = [(A, f"2026-0{m}", "determined:add", 1) for m in range(1, 7)]
    counts += [(B, f"2026-0{m}", "determined:add", 5) for m in range(1, 4)]
    assert _ranks("2026-01", "2026-03", counts) == {A: 2, B: 1}
    assert _ranks("2026-01", "2026-06", counts) == {A: 1, B: 2}


def test_equal_frequency_shares_a_rank_and_changes_per_thousand_break_ties():
    counts = [(A, "2026-01", "determined:add", 2), (B, "2026-01", "determined:add", 2)]
    assert _ranks("2026-01", "2026-02", counts) == {A: 1, B: 1}
    rows = per_region([A, B], ["2026-01"], _found(counts, people={A: 4000, B: 1000}))
    assert [(r["region"], r["rank"], r["changes_per_1000"]) for r in rows] == [
        (B, 1, 2.0),
        (A, 2, 0.5),
    ]


def test_a_month_with_a_musdes_but_no_determination_counts_as_held():
    rows = per_region(
        [A, B], ["2026-01", "2026-02"], _found([(A, "2026-02", "musdes", 1)])
    )
    held = {row["region"]: [m["musdes"] for m in row["months"]] for row in rows}
    assert held == {A: [0, 1], B: [0, 0]}
    assert without_musdes(rows) == [
        {"month": "2026-01", "desa": [A, B]},
        {"month": "2026-02", "desa": [B]},
    ]
    assert all(row["months_with_changes"] == 0 for row in rows)


def test_a_removal_for_deceased_is_counted_under_its_reason():
    counts = [
        (A, "2026-01", "determined:remove:deceased", 2),
        (A, "2026-01", "determined:remove:moved", 1),
        (A, "2026-01", "rejected:remove:duplicate", 1),
        (A, "2026-01", "submitted:add", 3),
    ]
    (row,) = per_region([A], ["2026-01"], _found(counts))
    january = row["months"][0]
    assert january["determined"]["remove"] == 3
    assert january["determined"]["removal_reasons"] == {"deceased": 2, "moved": 1}
    assert january["rejected"]["removal_reasons"] == {"duplicate": 1}
    assert january["submitted"]["add"] == 3 and row["changes"] == 3


def test_months_run_across_the_turn_of_a_year():
    assert months_between("2025-11", "2026-02") == [
        "2025-11",
        "2025-12",
        "2026-01",
        "2026-02",
    ]


def _ranked(*ranks: int) -> list[dict]:
    return [{"region": f"33.20.{n:02d}", "rank": r} for n, r in enumerate(ranks, 1)]


def test_the_bottom_quarter_of_a_ranking_lags_behind_ties_included():
    rows = _ranked(1, 2, 3, 4, 5, 6, 7, 7)
    assert laggards(rows) == {"33.20.07", "33.20.08"}
    assert laggards(_ranked(1, 2, 3)) == {"33.20.03"}


def test_no_region_lags_when_all_rank_alike_or_it_stands_alone():
    assert laggards(_ranked(1, 1, 1, 1)) == set()
    assert laggards(_ranked(1)) == set()
