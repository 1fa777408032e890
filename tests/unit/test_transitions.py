"""Every transition of the SPEC §4 diagram, and every refused one."""

from __future__ import annotations

import itertools

import pytest

from tests.support import add_body, deliberate, family_of_three, walk_to_ratified
from workflow.domain.transitions import STEPS, check_step
from workflow.errors import InvalidTransition

STATUSES = (
    "submitted",
    "in_deliberation",
    "endorsed",
    "verified",
    "ratified",
    "determined",
    "rejected",
    "withdrawn",
)

# The diagram of SPEC §4, written out independently of the code's table.
DIAGRAM = {
    ("submitted", "table"): "in_deliberation",
    ("in_deliberation", "return to the village"): "submitted",
    ("in_deliberation", "endorse"): "endorsed",
    ("in_deliberation", "reject at deliberation"): "rejected",
    ("endorsed", "verify"): "verified",
    ("endorsed", "reject at verval"): "rejected",
    ("verified", "ratify"): "ratified",
    ("ratified", "determine"): "determined",
    ("ratified", "return for correction"): "endorsed",
    ("submitted", "withdraw"): "withdrawn",
    ("in_deliberation", "withdraw"): "withdrawn",
    ("endorsed", "withdraw"): "withdrawn",
    ("verified", "withdraw"): "withdrawn",
}


@pytest.mark.parametrize(("status", "step"), list(itertools.product(STATUSES, STEPS)))
def test_each_step_is_allowed_exactly_where_the_diagram_has_it(status, step):
    if (status, step) in DIAGRAM:
        assert check_step("proposal P", status, step) == DIAGRAM[(status, step)]
    else:
        with pytest.raises(InvalidTransition, match=f"proposal P is {status}"):
            check_step("proposal P", status, step)


@pytest.fixture
def proposal(ledger, actors):
    kk, members = family_of_three()
    return ledger.submit_proposal(actors["operator"], add_body(kk, members))


VERVAL_OK = {"eligible": True, "nik_matched": True, "checked_on": "2026-10-20"}


def status_of(ledger, proposal) -> str:
    return ledger.load(type(proposal), proposal.id, "proposal").status


def test_the_happy_path_visits_every_status_in_order(ledger, actors, proposal):
    seen = [status_of(ledger, proposal)]
    deliberation = deliberate(ledger, actors, [proposal.id])
    seen.append(status_of(ledger, proposal))
    ledger.decide_deliberation(
        actors["camat"], deliberation.id, {"decision": "approve"}
    )
    seen.append(status_of(ledger, proposal))
    ledger.record_verval(actors["verifier"], proposal.id, VERVAL_OK)
    seen.append(status_of(ledger, proposal))
    ledger.ratify(
        actors["ratifier"],
        {
            "kabkota": "33.20",
            "decree_number": "SK-1",
            "signed_on": "2026-10-28",
            "proposal_ids": [str(proposal.id)],
        },
    )
    seen.append(status_of(ledger, proposal))
    ledger.determine(
        actors["ministry"],
        {"period": "2026-11", "decree_number": "KEP-1", "effective_on": "2026-11-01"},
    )
    seen.append(status_of(ledger, proposal))
    assert seen == [
        "submitted",
        "in_deliberation",
        "endorsed",
        "verified",
        "ratified",
        "determined",
    ]


def test_camat_return_sends_proposals_back_and_resubmission_tables_them(
    ledger, actors, proposal
):
    deliberation = deliberate(ledger, actors, [proposal.id])
    ledger.decide_deliberation(
        actors["camat"],
        deliberation.id,
        {"decision": "return", "note": "Daftar hadir kurang"},
    )
    assert status_of(ledger, proposal) == "submitted"
    assert ledger.deliberation(actors["operator"], deliberation.id).status == "returned"
    ledger.submit_deliberation(actors["operator"], deliberation.id)
    assert status_of(ledger, proposal) == "in_deliberation"


def test_deliberation_reject_outcome_rejects_at_stage_deliberation(
    ledger, actors, proposal
):
    deliberation = deliberate(ledger, actors, [proposal.id], outcome="reject")
    ledger.decide_deliberation(
        actors["camat"], deliberation.id, {"decision": "approve"}
    )
    rejected = ledger.load(type(proposal), proposal.id, "proposal")
    assert (rejected.status, rejected.rejected_stage) == ("rejected", "deliberation")


@pytest.mark.parametrize(
    "verval",
    [
        {"eligible": False, "nik_matched": True, "checked_on": "2026-10-20"},
        {"eligible": True, "nik_matched": False, "checked_on": "2026-10-20"},
    ],
)
def test_failed_verval_rejects_at_stage_verval(ledger, actors, proposal, verval):
    deliberation = deliberate(ledger, actors, [proposal.id])
    ledger.decide_deliberation(
        actors["camat"], deliberation.id, {"decision": "approve"}
    )
    ledger.record_verval(actors["verifier"], proposal.id, verval)
    rejected = ledger.load(type(proposal), proposal.id, "proposal")
    assert (rejected.status, rejected.rejected_stage) == ("rejected", "verval")


def test_ministry_return_sends_a_ratified_proposal_back_to_endorsed(
    ledger, actors, proposal
):
    walk_to_ratified(ledger, actors, [proposal.id])
    ledger.return_for_correction(
        actors["ministry"],
        proposal.id,
        {"reason": "Nama kepala keluarga tidak sesuai KTP"},
    )
    assert status_of(ledger, proposal) == "endorsed"
    ledger.record_verval(actors["verifier"], proposal.id, VERVAL_OK)
    assert status_of(ledger, proposal) == "verified"


@pytest.mark.parametrize(
    "stage", ["submitted", "in_deliberation", "endorsed", "verified"]
)
def test_operator_may_withdraw_until_ratified(ledger, actors, proposal, stage):
    if stage != "submitted":
        deliberation = deliberate(ledger, actors, [proposal.id])
    if stage in ("endorsed", "verified"):
        ledger.decide_deliberation(
            actors["camat"], deliberation.id, {"decision": "approve"}
        )
    if stage == "verified":
        ledger.record_verval(actors["verifier"], proposal.id, VERVAL_OK)
    assert status_of(ledger, proposal) == stage
    ledger.withdraw_proposal(
        actors["operator"], proposal.id, {"reason": "Keluarga pindah ke Kudus"}
    )
    assert status_of(ledger, proposal) == "withdrawn"


def test_verval_before_deliberation_is_refused_naming_the_proposal(
    ledger, actors, proposal
):
    with pytest.raises(InvalidTransition, match=f"proposal {proposal.id} is submitted"):
        ledger.record_verval(actors["verifier"], proposal.id, VERVAL_OK)


def test_ratifying_an_unverified_proposal_is_refused(ledger, actors, proposal):
    with pytest.raises(InvalidTransition, match="can ratify only when it is verified"):
        ledger.ratify(
            actors["ratifier"],
            {
                "kabkota": "33.20",
                "decree_number": "SK",
                "signed_on": "2026-10-28",
                "proposal_ids": [str(proposal.id)],
            },
        )


def test_determining_an_unratified_proposal_is_refused(ledger, actors, proposal):
    with pytest.raises(InvalidTransition, match="can determine only when it is"):
        ledger.determine(
            actors["ministry"],
            {
                "period": "2026-11",
                "decree_number": "KEP",
                "effective_on": "2026-11-01",
                "proposal_ids": [str(proposal.id)],
            },
        )


def test_withdrawing_a_ratified_proposal_is_refused(ledger, actors, proposal):
    walk_to_ratified(ledger, actors, [proposal.id])
    with pytest.raises(InvalidTransition, match="is ratified; it can withdraw"):
        ledger.withdraw_proposal(actors["operator"], proposal.id, {"reason": "x"})


def test_returning_a_verified_proposal_for_correction_is_refused(
    ledger, actors, proposal
):
    deliberation = deliberate(ledger, actors, [proposal.id])
    ledger.decide_deliberation(
        actors["camat"], deliberation.id, {"decision": "approve"}
    )
    ledger.record_verval(actors["verifier"], proposal.id, VERVAL_OK)
    with pytest.raises(InvalidTransition, match="is verified"):
        ledger.return_for_correction(actors["ministry"], proposal.id, {"reason": "x"})


def test_camat_cannot_decide_a_deliberation_twice(ledger, actors, proposal):
    deliberation = deliberate(ledger, actors, [proposal.id])
    ledger.decide_deliberation(
        actors["camat"], deliberation.id, {"decision": "approve"}
    )
    with pytest.raises(InvalidTransition, match="is approved; it can be approved only"):
        ledger.decide_deliberation(
            actors["camat"], deliberation.id, {"decision": "approve"}
        )


def test_a_submitted_deliberation_cannot_be_revised(ledger, actors, proposal):
    deliberation = deliberate(ledger, actors, [proposal.id])
    with pytest.raises(InvalidTransition, match="is submitted; it can be revised only"):
        ledger.revise_decisions(
            actors["operator"],
            deliberation.id,
            {"decisions": [{"proposal_id": str(proposal.id), "outcome": "reject"}]},
        )
