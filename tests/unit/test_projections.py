"""Each event type's effect on the read models, one test per type."""

from __future__ import annotations

import pytest

from events.handlers import HANDLERS
from events.readside import ReadSide
from tests.support import (
    DESA,
    add_body,
    correction,
    deliberate,
    determine,
    family_of_three,
    removal,
    walk_to_ratified,
)
from workflow.actors import command_line_actor
from workflow.baseline_checks import FamilyRows

KK, MEMBERS = family_of_three()
HEAD, SPOUSE, CHILD = (m["nik"] for m in MEMBERS)


@pytest.fixture
def read(ledger):
    side = ReadSide(ledger)
    yield side
    side.close()


@pytest.fixture
def registered(ledger, actors):
    pid = ledger.submit_proposal(actors["operator"], add_body(KK, MEMBERS)).id
    determine(ledger, actors, [pid], "2026-03-01", "2026-03")
    return pid


def rows(read, sql, *params):
    read.projector.catch_up()
    return read.store.query(sql, params)


def status(read, pid):
    return rows(
        read, "SELECT status, rejected_stage FROM rm_proposal WHERE id = ?", str(pid)
    )[0]


def test_person_enrolled_opens_a_membership_from_the_effective_date(read, registered):
    assert rows(
        read,
        "SELECT nik, desa, valid_from, valid_to FROM rm_membership WHERE nik = ?",
        HEAD,
    ) == [(HEAD, DESA, "2026-03-01", None)]


def test_person_corrected_closes_the_old_state_and_opens_the_new(
    ledger, actors, read, registered
):
    pid = correction(ledger, actors, KK, [{"nik": HEAD, "occupation": "Nelayan"}])
    determine(ledger, actors, [pid], "2026-05-01", "2026-05")
    found = rows(
        read,
        "SELECT valid_from, valid_to, occupation FROM rm_membership "
        "WHERE nik = ? ORDER BY valid_from",
        HEAD,
    )
    assert [(f, t) for f, t, _ in found] == [
        ("2026-03-01", "2026-05-01"),
        ("2026-05-01", None),
    ]
    assert (found[0][2], found[1][2]) == (None, "Nelayan")


def test_person_removed_closes_the_membership(ledger, actors, read, registered):
    determine(
        ledger,
        actors,
        [removal(ledger, actors, KK, [CHILD], "deceased")],
        "2026-04-15",
        "2026-04",
    )
    assert rows(read, "SELECT valid_to FROM rm_membership WHERE nik = ?", CHILD) == [
        ("2026-04-15",)
    ]
    assert rows(
        read,
        "SELECT change, reason FROM rm_change WHERE nik = ? ORDER BY position",
        CHILD,
    ) == [("added", None), ("removed", "deceased")]


def test_family_registered_opens_the_family(read, registered):
    assert rows(read, "SELECT kk, address, valid_from, valid_to FROM rm_family") == [
        (KK, "RT 02 RW 01, Dukuh Krajan", "2026-03-01", None)
    ]


def test_a_baselined_family_and_its_people_are_registered_from_the_effective_date(
    ledger, read
):
    source = {"name": "dtks.csv", "sha256": "ab" * 32, "decree": "SK 1/2026"}
    ledger.import_baseline(
        command_line_actor(),
        [FamilyRows(KK, DESA, "RT 02", [2, 3, 4], MEMBERS)],
        {**source, "effective_on": "2025-07-01"},
    )
    assert rows(read, "SELECT kk, desa, address, valid_from FROM rm_family") == [
        (KK, DESA, "RT 02", "2025-07-01")
    ]
    assert rows(
        read,
        "SELECT nik, kk, name, valid_from, valid_to FROM rm_membership "
        "ORDER BY position",
    ) == [(m["nik"], KK, m["name"], "2025-07-01", None) for m in MEMBERS]
    assert rows(read, "SELECT nik, change, kind FROM rm_change ORDER BY position") == [
        (m["nik"], "added", "baseline") for m in MEMBERS
    ]


def test_family_address_corrected_from_the_effective_date(
    ledger, actors, read, registered
):
    pid = correction(ledger, actors, KK, address="RT 05 RW 03, Dukuh Ngemplak")
    determine(ledger, actors, [pid], "2026-06-01", "2026-06")
    assert rows(
        read, "SELECT address, valid_to FROM rm_family ORDER BY valid_from"
    ) == [
        ("RT 02 RW 01, Dukuh Krajan", "2026-06-01"),
        ("RT 05 RW 03, Dukuh Ngemplak", None),
    ]


def test_family_dissolved_closes_the_family(ledger, actors, read, registered):
    determine(
        ledger,
        actors,
        [removal(ledger, actors, KK, [], "ineligible")],
        "2026-07-01",
        "2026-07",
    )
    assert rows(read, "SELECT valid_to FROM rm_family") == [("2026-07-01",)]


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        ("", ("submitted", None)),
        ("tabled", ("in_deliberation", None)),
        ("tabled returned", ("submitted", None)),
        ("tabled endorsed", ("endorsed", None)),
        ("tabled rejected", ("rejected", "deliberation")),
        ("tabled endorsed verified", ("verified", None)),
        ("tabled endorsed failed", ("rejected", "verval")),
        ("ratified", ("ratified", None)),
        ("ratified corrected", ("endorsed", None)),
        ("ratified determined", ("determined", None)),
        ("withdrawn", ("withdrawn", None)),
    ],
)
def test_proposal_events_move_the_chain_status(ledger, actors, read, steps, expected):
    pid = ledger.submit_proposal(actors["operator"], add_body(KK, MEMBERS)).id
    verval = {"eligible": True, "nik_matched": True, "checked_on": "2026-10-20"}
    if "ratified" in steps:
        walk_to_ratified(ledger, actors, [pid])
    elif "tabled" in steps:
        deliberation = deliberate(
            ledger,
            actors,
            [pid],
            outcome="reject" if "rejected" in steps else "approve",
        )
        decision = "return" if "returned" in steps else "approve"
        if "returned" in steps or "endorsed" in steps or "rejected" in steps:
            ledger.decide_deliberation(
                actors["camat"], deliberation.id, {"decision": decision}
            )
    if "verified" in steps or "failed" in steps:
        ledger.record_verval(
            actors["verifier"], pid, {**verval, "eligible": "failed" not in steps}
        )
    if "corrected" in steps:
        ledger.return_for_correction(actors["ministry"], pid, {"reason": "Cek NIK"})
    if "determined" in steps:
        ledger.determine(
            actors["ministry"],
            {"period": "2026-11", "decree_number": "K", "effective_on": "2026-11-01"},
        )
    if "withdrawn" in steps:
        ledger.withdraw_proposal(actors["operator"], pid, {"reason": "Ganda"})
    assert status(read, pid) == expected


def test_deliberation_events_move_its_status(ledger, actors, read):
    pid = ledger.submit_proposal(actors["operator"], add_body(KK, MEMBERS)).id
    seen = []
    deliberation = deliberate(ledger, actors, [pid])
    sql = "SELECT status, minutes_number FROM rm_deliberation WHERE id = ?"
    seen.append(rows(read, sql, str(deliberation.id))[0])
    ledger.decide_deliberation(actors["camat"], deliberation.id, {"decision": "return"})
    seen.append(rows(read, sql, str(deliberation.id))[0][0])
    ledger.submit_deliberation(actors["operator"], deliberation.id)
    ledger.decide_deliberation(
        actors["camat"], deliberation.id, {"decision": "approve"}
    )
    seen.append(rows(read, sql, str(deliberation.id))[0][0])
    assert seen == [("submitted", "BA-MUSDES/017/X/2026"), "returned", "approved"]


def test_streams_take_the_region_of_their_desa_decree_or_account(
    ledger, actors, read, registered
):
    regions = dict(rows(read, "SELECT stream_id, region FROM rm_stream_region"))
    assert regions[str(registered)] == DESA
    assert regions[actors["operator"].id] == DESA
    assert regions[actors["ministry"].id] is None
    assert "33.20" in regions.values()  # the ratification's kabupaten


def test_an_account_is_listed_with_its_tokens_and_whether_it_is_disabled(
    ledger, actors, read
):
    admin, operator = command_line_actor(), actors["operator"].id
    sql = "SELECT tokens, disabled FROM rm_user WHERE id = ?"
    seen = [rows(read, sql, operator)[0]]
    ledger.issue_token(admin, operator)
    ledger.disable(admin, operator, {"reason": "pindah tugas"})
    seen.append(rows(read, sql, operator)[0])
    ledger.enable(admin, operator, {"reason": "kembali bertugas"})
    ledger.revoke_tokens(admin, operator)
    seen.append(rows(read, sql, operator)[0])
    assert seen == [(1, 0), (2, 1), (0, 0)]


def test_every_handled_topic_is_covered_here():
    covered = {
        "dtks.person.baselined",
        "dtks.person.enrolled",
        "dtks.person.corrected",
        "dtks.person.removed",
        "dtks.family.baselined",
        "dtks.family.registered",
        "dtks.family.address_corrected",
        "dtks.family.dissolved",
        "dtks.proposal.submitted",
        "dtks.proposal.tabled",
        "dtks.proposal.returned_to_village",
        "dtks.proposal.endorsed",
        "dtks.proposal.rejected",
        "dtks.proposal.verified",
        "dtks.proposal.ratified",
        "dtks.proposal.returned_for_correction",
        "dtks.proposal.determined",
        "dtks.proposal.withdrawn",
        "dtks.deliberation.opened",
        "dtks.deliberation.decisions_revised",
        "dtks.deliberation.submitted",
        "dtks.deliberation.approved",
        "dtks.deliberation.returned",
        "dtks.ratification.signed",
        "dtks.determination.made",
        "dtks.user.registered",
        "dtks.user.token_issued",
        "dtks.user.tokens_revoked",
        "dtks.user.disabled",
        "dtks.user.enabled",
    }
    assert set(HANDLERS) == covered
