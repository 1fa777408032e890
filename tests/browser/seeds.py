"""What a browser test's store holds before gunicorn starts."""

from __future__ import annotations

from tests.support import DESA, add_body, family_of_three, make_actors, walk_to_ratified

REGISTERED_KK, REGISTERED = family_of_three(serial=7)


def registered_family(ledger) -> None:
    """The Suparno family (serial 7) is in the Kedungmalang registry."""
    actors = make_actors(ledger)
    body = add_body(REGISTERED_KK, REGISTERED, DESA)
    proposal = ledger.submit_proposal(actors["operator"], body)
    walk_to_ratified(ledger, actors, [str(proposal.id)])
    decree = {"period": "2026-10", "decree_number": "1/HUK/2026"}
    ledger.determine(actors["ministry"], {**decree, "effective_on": "2026-10-30"})
