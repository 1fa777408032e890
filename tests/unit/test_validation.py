"""Bad NIK, KK and region codes are refused with a message naming field and cause."""

from __future__ import annotations

import pytest

from tests.support import DESA, add_body, family_of_three, member
from workflow.errors import InvalidInput

GOOD_KK, GOOD_MEMBERS = family_of_three()


def refused(ledger, actors, body) -> dict[str, list[str]]:
    with pytest.raises(InvalidInput) as caught:
        ledger.submit_proposal(actors["operator"], body)
    return caught.value.errors


def with_first_member(**changes) -> dict:
    members = [dict(GOOD_MEMBERS[0], **changes), *GOOD_MEMBERS[1:]]
    return add_body(GOOD_KK, members)


@pytest.mark.parametrize(
    ("bad_nik", "expected"),
    [
        ("332001070284000", "must be exactly 16 digits"),
        ("33200107028400011", "must be exactly 16 digits"),
        ("33200107O2840001", "must be exactly 16 digits"),
        ("33200107028400²1", "must be exactly 16 digits"),
        ("9920010702840001", "province code 99 is unknown"),
        ("3399010702840001", "kabupaten/kota code 33.99 is unknown"),
        ("3320013102840001", "birth date in the number is not a real date"),
        ("3320017113840001", "birth date in the number is not a real date"),
        ("3320010702840000", "serial number may not be 0000"),
    ],
)
def test_malformed_nik_is_refused_with_its_cause(ledger, actors, bad_nik, expected):
    errors = refused(ledger, actors, with_first_member(nik=bad_nik))
    assert any(expected in message for message in errors["members.0.nik"])


def test_sex_that_contradicts_the_nik_is_refused(ledger, actors):
    errors = refused(ledger, actors, with_first_member(sex="F"))
    assert errors["members.0.sex"] == [
        "sex F contradicts NIK 3320010702840001 (day 07 means male)"
    ]


def test_birth_date_that_contradicts_the_nik_is_refused(ledger, actors):
    errors = refused(ledger, actors, with_first_member(birth_date="1984-02-08"))
    assert "contradicts NIK 3320010702840001" in errors["members.0.birth_date"][0]
    assert "07-02-84" in errors["members.0.birth_date"][0]


def test_nik_of_another_region_than_the_desa_is_accepted(ledger, actors):
    moved_in = member("1990-04-11", "F", 3, "Wulan", "other")
    moved_in["nik"] = "6409015104900003"  # registered first in Penajam Paser Utara
    proposal = ledger.submit_proposal(
        actors["operator"], add_body(GOOD_KK, [*GOOD_MEMBERS, moved_in])
    )
    assert proposal.status == "submitted"


@pytest.mark.parametrize(
    ("bad_kk", "expected"),
    [
        ("33200112031500", "must be exactly 16 digits"),
        ("0020011203150001", "province code 00 is unknown"),
        ("3320014003150001", "registration date in the number is not a real date"),
        ("3320001203150001", "kecamatan code may not be 00"),
    ],
)
def test_malformed_kk_is_refused_with_its_cause(ledger, actors, bad_kk, expected):
    errors = refused(ledger, actors, add_body(bad_kk, GOOD_MEMBERS))
    assert any(expected in m for m in errors["family.kk"])


@pytest.mark.parametrize(
    ("desa", "expected"),
    [
        ("33.20.01.9999", "33.20.01.9999 is not a Kemendagri region code"),
        ("33.20.01", "33.20.01 is a kecamatan code; a desa/kelurahan code is needed"),
        ("", "a Kemendagri region code is required"),
        (3320012001, "a Kemendagri region code is required"),
    ],
)
def test_unknown_or_wrong_level_region_code_is_refused(ledger, actors, desa, expected):
    errors = refused(ledger, actors, add_body(GOOD_KK, GOOD_MEMBERS, desa=desa))
    assert any(expected in m for m in errors["desa"])


def test_every_bad_field_is_reported_at_once(ledger, actors):
    body = {"kind": "grow", "desa": DESA, "family": {"kk": "x"}, "members": "none"}
    errors = refused(ledger, actors, body)
    assert set(errors) == {"kind", "family.kk", "members"}


def test_removal_needs_a_known_reason(ledger, actors):
    body = {
        "kind": "remove",
        "desa": DESA,
        "family": {"kk": GOOD_KK},
        "members": [{"nik": GOOD_MEMBERS[0]["nik"]}],
        "reason": "emigrated",
    }
    errors = refused(ledger, actors, body)
    assert "'emigrated' is not one of deceased, moved" in errors["reason"][0]


def test_a_nik_listed_twice_is_refused(ledger, actors):
    errors = refused(ledger, actors, add_body(GOOD_KK, [GOOD_MEMBERS[0]] * 2))
    assert errors["members.1.nik"] == [
        "NIK 3320010702840001 is listed twice in this proposal"
    ]


def test_a_refused_proposal_records_nothing(ledger, actors):
    before = ledger.recorder.max_notification_id()
    refused(ledger, actors, with_first_member(sex="F"))
    assert ledger.recorder.max_notification_id() == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ([], "body"),
        ("add", "body"),
        ({"kind": "add", "desa": DESA, "family": "x", "members": []}, "family"),
        (add_body(GOOD_KK, [{"nik": ["3320010702840001"]}]), "members.0.nik"),
        (add_body(GOOD_KK, [{"nik": {"a": 1}}, {"nik": {"a": 1}}]), "members.1.nik"),
        (add_body(GOOD_KK, [7]), "members.0"),
        ({**add_body(GOOD_KK, GOOD_MEMBERS), "criteria": [1, None]}, "criteria.0"),
        ({**add_body(GOOD_KK, GOOD_MEMBERS), "note": {"x": 1}}, "note"),
        (
            add_body(GOOD_KK, [{**GOOD_MEMBERS[0], "birth_date": 19840207}]),
            "members.0.birth_date",
        ),
    ],
)
def test_input_of_the_wrong_shape_is_an_input_error(ledger, actors, body, field):
    assert field in refused(ledger, actors, body)
