"""The Suparno family of Kedungmalang, from proposal to determination, and a move.

Runs once on a SQLite file and once on PostgreSQL; every step's event is read
back from the store, in order, with the person who caused it.
"""

from __future__ import annotations

from events.readside import open_service
from tests.support import DESA, KABKOTA, add_body, family_of_three, make_actors


def events_since(ledger, position: int) -> list[tuple[str, str]]:
    """(topic, actor name) of every event recorded after `position`."""
    found = ledger.recorder.select_notifications(start=position + 1, limit=1000)
    return [(n.topic, ledger.mapper.to_domain_event(n).by["name"]) for n in found]


def test_a_family_of_three_is_added_and_a_member_moves_away(store_url):
    ledger = open_service(store_url)
    actors = make_actors(ledger)
    operator, camat = actors["operator"], actors["camat"]
    kk, members = family_of_three()
    mark = ledger.recorder.max_notification_id()

    # Step 1: the operator of Kedungmalang proposes the family.
    proposal = ledger.submit_proposal(operator, add_body(kk, members))
    assert events_since(ledger, mark) == [
        ("dtks.proposal.submitted", "Operator Test"),
        ("dtks.family.identified", "Operator Test"),
        ("dtks.family.claimed", "Operator Test"),
        *[
            ("dtks.person.identified", "Operator Test"),
            ("dtks.person.claimed", "Operator Test"),
        ]
        * 3,
    ]

    # Step 2: the Musdes decides to approve and the minutes go to the camat.
    mark = ledger.recorder.max_notification_id()
    minutes = {
        "desa": DESA,
        "held_on": "2026-10-05",
        "minutes_number": "BA/017/X/2026",
        "chaired_by": "H. Ahmad Sholeh",
        "attendees": 37,
        "decisions": [{"proposal_id": str(proposal.id), "outcome": "approve"}],
    }
    deliberation = ledger.open_deliberation(operator, minutes)
    ledger.submit_deliberation(operator, deliberation.id)
    assert events_since(ledger, mark) == [
        ("dtks.deliberation.opened", "Operator Test"),
        ("dtks.deliberation.submitted", "Operator Test"),
        ("dtks.proposal.tabled", "Operator Test"),
    ]

    # Step 3: the camat returns it (attendance list missing); the village resubmits.
    mark = ledger.recorder.max_notification_id()
    ledger.decide_deliberation(
        camat, deliberation.id, {"decision": "return", "note": "Lampirkan daftar hadir"}
    )
    ledger.submit_deliberation(operator, deliberation.id)
    assert events_since(ledger, mark) == [
        ("dtks.deliberation.returned", "Camat Test"),
        ("dtks.proposal.returned_to_village", "Camat Test"),
        ("dtks.deliberation.submitted", "Operator Test"),
        ("dtks.proposal.tabled", "Operator Test"),
    ]

    # Step 4: the camat approves; the proposal is endorsed.
    mark = ledger.recorder.max_notification_id()
    ledger.decide_deliberation(camat, deliberation.id, {"decision": "approve"})
    assert events_since(ledger, mark) == [
        ("dtks.deliberation.approved", "Camat Test"),
        ("dtks.proposal.endorsed", "Camat Test"),
    ]

    # Step 5: Dinsos verval, the regent's SK, the ministry's determination.
    mark = ledger.recorder.max_notification_id()
    ledger.record_verval(
        actors["verifier"],
        proposal.id,
        {"eligible": True, "nik_matched": True, "checked_on": "2026-10-20"},
    )
    ledger.ratify(
        actors["ratifier"],
        {
            "kabkota": KABKOTA,
            "decree_number": "460/412/2026",
            "signed_on": "2026-10-28",
            "proposal_ids": [str(proposal.id)],
        },
    )
    made = ledger.determine(
        actors["ministry"],
        {
            "period": "2026-11",
            "decree_number": "146/HUK/2026",
            "effective_on": "2026-11-01",
        },
    )
    assert made.applied == 1
    topics = events_since(ledger, mark)
    assert topics[:4] == [
        ("dtks.proposal.verified", "Verifier Test"),
        ("dtks.ratification.signed", "Ratifier Test"),
        ("dtks.proposal.ratified", "Ratifier Test"),
        ("dtks.determination.made", "Ministry Test"),
    ]
    assert ("dtks.family.registered", "Ministry Test") in topics
    assert topics.count(("dtks.person.enrolled", "Ministry Test")) == 3
    assert ledger.person(members[2]["nik"], {}).kk == kk

    # Step 6: a month later the child moves away; the removal is determined.
    removal = ledger.submit_proposal(
        operator,
        {
            "kind": "remove",
            "desa": DESA,
            "family": {"kk": kk},
            "members": [{"nik": members[2]["nik"]}],
            "reason": "moved",
        },
    )
    minutes = {
        **minutes,
        "held_on": "2026-11-09",
        "minutes_number": "BA/021/XI/2026",
        "decisions": [{"proposal_id": str(removal.id), "outcome": "approve"}],
    }
    second = ledger.open_deliberation(operator, minutes)
    ledger.submit_deliberation(operator, second.id)
    ledger.decide_deliberation(camat, second.id, {"decision": "approve"})
    ledger.record_verval(
        actors["verifier"],
        removal.id,
        {"eligible": True, "nik_matched": True, "checked_on": "2026-11-16"},
    )
    ledger.ratify(
        actors["ratifier"],
        {
            "kabkota": KABKOTA,
            "decree_number": "460/455/2026",
            "signed_on": "2026-11-24",
            "proposal_ids": [str(removal.id)],
        },
    )
    mark = ledger.recorder.max_notification_id()
    ledger.determine(
        actors["ministry"],
        {
            "period": "2026-12",
            "decree_number": "160/HUK/2026",
            "effective_on": "2026-12-01",
        },
    )
    assert ("dtks.person.removed", "Ministry Test") in events_since(ledger, mark)
    ledger.close()

    # A fresh process reading the same store sees the same registry.
    reopened = open_service(store_url)
    child = reopened.person(members[2]["nik"], {})
    family = reopened.family(kk, {})
    assert child.registered is False
    assert family.members == [members[0]["nik"], members[1]["nik"]]
    assert reopened.load(type(removal), removal.id, "proposal").status == "determined"
    reopened.close()
