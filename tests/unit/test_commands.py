"""Typed commands: value objects valid by construction, problems with codes, and
the same problems worded in English and Indonesian."""

from __future__ import annotations

import string

import pytest

from tests.support import DESA, add_body, family_of_three, member
from workflow.commands import (
    AddUser,
    DesaCode,
    Determine,
    Kk,
    Nik,
    OpenDeliberation,
    RecordVerval,
    SubmitProposal,
)
from workflow.drafts import check_proposal
from workflow.errors import InvalidInput, NotFound
from workflow.messages import CATALOGUE, LANGUAGES
from workflow.problems import Problem, worded_fields

KK, MEMBERS = family_of_three()
MOTHER_NIK = "3320016106880001"


def problems_of(build, body) -> dict[str, list[Problem]]:
    with pytest.raises(InvalidInput) as caught:
        build(body)
    return caught.value.errors


def test_a_valid_nik_is_a_string_that_knows_its_sex():
    nik = Nik(MOTHER_NIK)
    assert nik == MOTHER_NIK and isinstance(nik, str)
    assert nik.sex == "F"


@pytest.mark.parametrize(
    ("build", "value", "field", "code"),
    [
        (Nik, "123", "nik", "number.digits"),
        (Nik, "9920010702840001", "nik", "number.province"),
        (Kk, "3320011203150000", "kk", "number.serial"),
        (DesaCode, "33.20.01", "desa", "region.level"),
        (DesaCode, "99.99.99.9999", "desa", "region.unknown"),
    ],
)
def test_an_invalid_value_object_cannot_be_built(build, value, field, code):
    errors = problems_of(build, value)
    assert [p.code for p in errors[field]] == [code]


def test_a_proposal_body_becomes_a_typed_command_that_records_the_same_content():
    body = add_body(KK, MEMBERS)
    submit = SubmitProposal.from_body(body)
    assert isinstance(submit.desa, DesaCode) and isinstance(submit.kk, Kk)
    assert all(isinstance(m.nik, Nik) for m in submit.members)
    assert submit.members[0].birth_date.isoformat() == MEMBERS[0]["birth_date"]
    assert submit.content() == check_proposal(body)


def test_a_sex_that_contradicts_the_nik_carries_its_code_and_parameters():
    mother = dict(member("1987-03-21", "M", 7, "Sri", "spouse"), sex="F")
    errors = problems_of(SubmitProposal.from_body, add_body(KK, [MEMBERS[0], mother]))
    [problem] = errors["members.1.sex"]
    assert problem.code == "nik.sex_mismatch"
    assert problem.params == {
        "sex": "F",
        "nik": "3320012103870007",
        "day": 21,
        "means": "M",
    }
    assert problem == "sex F contradicts NIK 3320012103870007 (day 21 means male)"
    assert problem.render("id") == (
        "NIK 3320012103870007: jenis kelamin P tidak sesuai NIK "
        "(tanggal 21 berarti laki-laki)"
    )


def test_a_missing_field_reads_wajib_diisi_in_indonesian():
    body = add_body(KK, [dict(MEMBERS[0], name=None)])
    errors = problems_of(SubmitProposal.from_body, body)
    assert errors["members.0.name"] == ["this field is required"]
    assert worded_fields(errors, "id") == {"members.0.name": ["wajib diisi"]}


def test_a_deliberation_needs_at_least_one_attendee():
    body = {
        "desa": DESA,
        "held_on": "2026-10-05",
        "minutes_number": "BA/1",
        "chaired_by": "Kades",
        "attendees": 0,
        "decisions": [{"proposal_id": "p-1", "outcome": "approve"}],
    }
    [problem] = problems_of(OpenDeliberation.from_body, body)["attendees"]
    assert (problem.code, problem.params) == ("field.minimum", {"minimum": 1})
    assert problem.render("id") == "paling sedikit 1"
    opened = OpenDeliberation.from_body(dict(body, attendees=12))
    assert opened.minutes()["attendees"] == 12
    assert opened.decisions[0].outcome == "approve"


def test_other_commands_refuse_by_field_with_codes():
    verval = {"eligible": "yes", "nik_matched": True, "checked_on": "2026-13-01"}
    errors = problems_of(RecordVerval.from_body, verval)
    assert {f: [p.code for p in ps] for f, ps in errors.items()} == {
        "eligible": ["field.boolean"],
        "checked_on": ["date.invalid"],
    }
    decree = {
        "period": "2026-13",
        "decree_number": "SK/9",
        "effective_on": "2026-12-01",
    }
    assert problems_of(Determine.from_body, decree)["period"][0].code == (
        "period.invalid"
    )
    account = {"name": "Rina", "role": "lurah"}
    assert problems_of(AddUser.from_body, account)["role"][0].render("id") == (
        "peran harus salah satu dari operator, camat, verifier, ratifier, "
        "ministry, auditor, admin, partner"
    )


def test_the_ledger_takes_a_typed_command_as_well_as_a_body(ledger, actors):
    submit = SubmitProposal.from_body(add_body(KK, MEMBERS))
    proposal = ledger.submit_proposal(actors["operator"], submit)
    assert (proposal.kind, proposal.kk, proposal.niks) == (
        "add",
        KK,
        [m["nik"] for m in MEMBERS],
    )


def test_a_problem_inside_a_problem_is_worded_in_the_same_language():
    missing = NotFound(Problem("registry.family_on", as_of="2026-10-01"), KK)
    assert missing.message == (
        f"registered family on 2026-10-01 with No. KK {KK} does not exist"
    )
    assert missing.message.render("id") == (
        f"keluarga terdaftar pada 2026-10-01 dengan No. KK {KK} tidak ditemukan"
    )


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_code_is_worded_in_each_language_from_the_same_parameters(code):
    templates = CATALOGUE[code]
    assert set(templates) == set(LANGUAGES)
    assert _fields(templates["id"]) == _fields(templates["en"])
