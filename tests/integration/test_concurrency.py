"""Several OS processes submit conflicting proposals at the same instant."""

from __future__ import annotations

import multiprocessing

import pytest

from tests.support import DESA, add_body, family_of_three, kk
from workflow.actors import Actor
from workflow.app import open_ledger
from workflow.domain.proposal import Proposal
from workflow.errors import ProposalConflict

RACERS = 6


def race(url, body, barrier, results) -> None:
    """Open the ledger in this process, wait for the others, then submit."""
    ledger = open_ledger(url)
    operator = Actor(id="op-race", name="Operator Race", role="operator", region=DESA)
    barrier.wait(timeout=30)
    try:
        proposal = ledger.submit_proposal(operator, body)
        results.put(("won", str(proposal.id)))
    except ProposalConflict as conflict:
        results.put(("conflict", str(conflict)))
    except Exception as error:  # reported to the test, which fails on it
        results.put(("error", f"{type(error).__name__}: {error}"))
    finally:
        ledger.close()


def run_race(url, bodies) -> list[tuple[str, str]]:
    open_ledger(url).close()  # tables exist before the race starts
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(len(bodies)), context.Queue()
    racers = [
        context.Process(target=race, args=(url, body, barrier, results))
        for body in bodies
    ]
    for racer in racers:
        racer.start()
    outcomes = [results.get(timeout=120) for _ in racers]
    for racer in racers:
        racer.join(timeout=30)
    return outcomes


def submitted_count(url) -> int:
    ledger = open_ledger(url)
    found = ledger.recorder.select_notifications(
        start=None, limit=10_000, topics=[Proposal.Submitted.TOPIC]
    )
    ledger.close()
    return len(found)


@pytest.mark.parametrize("contended", ["nik", "kk"])
def test_exactly_one_of_simultaneous_conflicting_proposals_wins(store_url, contended):
    family_kk, members = family_of_three()
    if contended == "nik":  # six new families, all naming the same head of family
        bodies = [add_body(kk("2016-01-01", n + 1), members[:1]) for n in range(RACERS)]
    else:  # six new-family proposals for one No. KK, each with its own person
        bodies = [
            add_body(family_kk, [dict(members[0], nik=f"33200107028400{n + 10}")])
            for n in range(RACERS)
        ]
    outcomes = run_race(store_url, bodies)

    winners = [detail for kind, detail in outcomes if kind == "won"]
    losers = [detail for kind, detail in outcomes if kind == "conflict"]
    assert [o for o in outcomes if o[0] == "error"] == []
    assert len(winners) == 1
    assert len(losers) == RACERS - 1
    assert all(f"open proposal {winners[0]}" in message for message in losers)
    assert submitted_count(store_url) == 1
