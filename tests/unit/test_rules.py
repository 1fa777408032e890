"""The registry rules of SPEC §4 and the scope rules of SPEC §3."""

from __future__ import annotations

import pytest

from tests.support import (
    DESA,
    OTHER_DESA,
    add_body,
    deliberate,
    family_of_three,
    kk,
    member,
    walk_to_ratified,
)
from workflow.actors import Actor
from workflow.errors import (
    InvalidInput,
    InvalidTransition,
    NotFound,
    OutOfScope,
    ProposalConflict,
)

KK, MEMBERS = family_of_three()
DETERMINE = {
    "period": "2026-11",
    "decree_number": "KEP-1",
    "effective_on": "2026-11-01",
}


@pytest.fixture
def registered(ledger, actors):
    """The Suparno family, determined into the registry."""
    proposal = ledger.submit_proposal(actors["operator"], add_body(KK, MEMBERS))
    walk_to_ratified(ledger, actors, [proposal.id])
    ledger.determine(actors["ministry"], DETERMINE)
    return proposal


def remove_body(niks, reason="moved", kk_number=KK):
    return {
        "kind": "remove",
        "desa": DESA,
        "family": {"kk": kk_number},
        "members": [{"nik": n} for n in niks],
        "reason": reason,
    }


def test_second_open_proposal_for_the_same_nik_names_the_first(ledger, actors):
    first = ledger.submit_proposal(actors["operator"], add_body(KK, MEMBERS))
    other_kk = kk("2019-09-09", 7)
    with pytest.raises(ProposalConflict, match=f"open proposal {first.id}"):
        ledger.submit_proposal(actors["operator"], add_body(other_kk, MEMBERS[:1]))


def test_a_nik_is_free_again_once_its_proposal_is_withdrawn(ledger, actors):
    first = ledger.submit_proposal(actors["operator"], add_body(KK, MEMBERS))
    ledger.withdraw_proposal(actors["operator"], first.id, {"reason": "Salah input"})
    again = ledger.submit_proposal(actors["operator"], add_body(KK, MEMBERS))
    assert again.status == "submitted"


def test_whole_family_proposal_blocks_any_other_on_the_same_kk(
    ledger, actors, registered
):
    whole = ledger.submit_proposal(actors["operator"], remove_body([]))
    with pytest.raises(
        ProposalConflict, match=f"open proposal {whole.id} for the whole"
    ):
        ledger.submit_proposal(actors["operator"], remove_body([MEMBERS[0]["nik"]]))


def test_member_proposals_on_one_family_may_be_open_together(
    ledger, actors, registered
):
    newborn = member("2026-08-17", "F", 9, "Putri Ayu", "child")
    add = ledger.submit_proposal(actors["operator"], add_body(KK, [newborn]))
    remove = ledger.submit_proposal(
        actors["operator"], remove_body([MEMBERS[2]["nik"]], "deceased")
    )
    assert (add.status, remove.status) == ("submitted", "submitted")


def test_adding_a_registered_nik_is_refused_naming_its_family(
    ledger, actors, registered
):
    with pytest.raises(ProposalConflict, match=f"already registered in family {KK}"):
        ledger.submit_proposal(
            actors["operator"], add_body(kk("2020-01-02", 3), MEMBERS[:1])
        )


def test_removing_an_unregistered_nik_is_refused(ledger, actors, registered):
    stranger = member("1970-05-05", "M", 5, "Paijo", "head")["nik"]
    with pytest.raises(ProposalConflict, match=f"NIK {stranger} is not registered"):
        ledger.submit_proposal(actors["operator"], remove_body([stranger]))


def test_updating_a_family_not_in_the_registry_is_refused(ledger, actors):
    body = {
        "kind": "update",
        "desa": DESA,
        "family": {"kk": KK},
        "members": [{"nik": MEMBERS[0]["nik"], "occupation": "Nelayan"}],
    }
    with pytest.raises(ProposalConflict, match=f"No. KK {KK} is not in the registry"):
        ledger.submit_proposal(actors["operator"], body)


def test_a_person_cannot_join_a_second_family(ledger, actors, registered):
    other_family = kk("2021-07-07", 4)
    spouse = MEMBERS[1]
    with pytest.raises(
        ProposalConflict, match=f"{spouse['nik']} is already registered"
    ):
        ledger.submit_proposal(actors["operator"], add_body(other_family, [spouse]))


def test_removal_is_determined_and_frees_the_person(ledger, actors, registered):
    child = MEMBERS[2]["nik"]
    removal = ledger.submit_proposal(actors["operator"], remove_body([child], "moved"))
    walk_to_ratified(ledger, actors, [removal.id], decree="SK-2")
    made = ledger.determine(
        actors["ministry"],
        {**DETERMINE, "period": "2026-12", "effective_on": "2026-12-01"},
    )
    assert made.applied == 1
    assert not ledger.person(child, {}).registered
    assert ledger.family(KK, {}).members == [m["nik"] for m in MEMBERS[:2]]


def test_removing_the_whole_family_dissolves_it(ledger, actors, registered):
    removal = ledger.submit_proposal(actors["operator"], remove_body([], "ineligible"))
    walk_to_ratified(ledger, actors, [removal.id], decree="SK-2")
    ledger.determine(actors["ministry"], {**DETERMINE, "period": "2026-12"})
    family = ledger.family(KK, {})
    assert (family.registered, family.members) == (False, [])
    assert all(not ledger.person(m["nik"], {}).registered for m in MEMBERS)


def test_the_registry_changes_only_at_determination(ledger, actors):
    proposal = ledger.submit_proposal(actors["operator"], add_body(KK, MEMBERS))
    walk_to_ratified(ledger, actors, [proposal.id])
    assert not ledger.person(MEMBERS[0]["nik"], {}).registered
    ledger.determine(actors["ministry"], DETERMINE)
    assert ledger.person(MEMBERS[0]["nik"], {}).kk == KK


def test_another_desas_proposal_cannot_be_tabled_and_seems_not_to_exist(ledger, actors):
    neighbour = Actor(**{**actors["operator"].__dict__, "region": OTHER_DESA})
    theirs = ledger.submit_proposal(neighbour, add_body(KK, MEMBERS, desa=OTHER_DESA))
    with pytest.raises(InvalidInput) as caught:
        deliberate(ledger, actors, [theirs.id])
    said = caught.value.errors["decisions.proposal_id.0"]
    assert said == [f"proposal {theirs.id} does not exist"]
    assert OTHER_DESA not in str(caught.value)


def test_a_deliberation_tables_only_submitted_proposals(ledger, actors):
    proposal = ledger.submit_proposal(actors["operator"], add_body(KK, MEMBERS))
    ledger.withdraw_proposal(actors["operator"], proposal.id, {"reason": "Ganda"})
    with pytest.raises(InvalidTransition, match="is withdrawn; a deliberation decides"):
        deliberate(ledger, actors, [proposal.id])


def test_a_deliberation_naming_an_unknown_proposal_is_an_input_error(ledger, actors):
    with pytest.raises(InvalidInput) as caught:
        deliberate(ledger, actors, ["8d1f0000-0000-4000-8000-000000000000"])
    assert "does not exist" in caught.value.errors["decisions.proposal_id.0"][0]


def test_operator_cannot_propose_for_another_desa(ledger, actors):
    with pytest.raises(OutOfScope, match=f"region {OTHER_DESA} is outside your scope"):
        ledger.submit_proposal(
            actors["operator"], add_body(KK, MEMBERS, desa=OTHER_DESA)
        )


def test_camat_outside_the_kecamatan_cannot_approve_nor_see_the_deliberation(
    ledger, actors
):
    proposal = ledger.submit_proposal(actors["operator"], add_body(KK, MEMBERS))
    deliberation = deliberate(ledger, actors, [proposal.id])
    other_camat = Actor(**{**actors["camat"].__dict__, "region": "33.20.02"})
    with pytest.raises(NotFound, match=f"deliberation {deliberation.id} does not"):
        ledger.decide_deliberation(
            other_camat, deliberation.id, {"decision": "approve"}
        )


@pytest.mark.parametrize(
    "role", ["camat", "verifier", "ratifier", "ministry", "auditor", "admin"]
)
def test_only_operators_submit_proposals(ledger, actors, role):
    with pytest.raises(OutOfScope, match="needs the role operator"):
        ledger.submit_proposal(actors[role], add_body(KK, MEMBERS))


def test_verifier_of_another_kabupaten_cannot_record_verval_nor_see_it(ledger, actors):
    proposal = ledger.submit_proposal(actors["operator"], add_body(KK, MEMBERS))
    outsider = Actor(**{**actors["verifier"].__dict__, "region": "64.09"})
    with pytest.raises(NotFound, match=f"proposal {proposal.id} does not exist"):
        ledger.record_verval(
            outsider,
            proposal.id,
            {"eligible": True, "nik_matched": True, "checked_on": "2026-10-20"},
        )


def test_revoked_token_no_longer_authenticates(ledger, actors):
    from workflow.actors import command_line_actor
    from workflow.errors import NotAuthenticated

    user, token = ledger.add_user(
        command_line_actor(), {"name": "Dewi", "role": "auditor", "region": "33.20"}
    )
    assert ledger.authenticate(token).name == "Dewi"
    ledger.revoke_tokens(actors["admin"], user.id)
    with pytest.raises(NotAuthenticated):
        ledger.authenticate(token)
