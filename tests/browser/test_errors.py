"""Errors as a user meets them in the browser: each explained, nothing changed."""

from __future__ import annotations

import uuid

import pytest
from selenium.webdriver.common.by import By

from tests.browser.seeds import REGISTERED, registered_family
from tests.support import family_of_three


@pytest.fixture
def seed():
    """The Suparno family (serial 7) is in the Kedungmalang registry."""
    return registered_family


def fill_member(person, row: int, member: dict) -> None:
    for name in ("nik", "name", "birth_date", "sex", "relationship"):
        person.fill_named(f"members.{row}.{name}", member[name])


def new_family(person, kk: str, members: list[dict]) -> None:
    person.go("/usulan/baru/add")
    person.fill("No. KK", kk)
    for row, member in enumerate(members):
        fill_member(person, row, member)
    person.press("Ajukan usulan")


def error_beside(person, field: str) -> str:
    return person.driver.find_element(By.ID, f"{field}-error").text


def count_proposals(person, name: str) -> int:
    person.go("/usulan?status=submitted")
    return person.text().count(name)


def test_wrong_input_is_explained_beside_its_field_and_saves_nothing(chromium):
    operator = chromium()
    operator.sign_in("operator")
    kk, members = family_of_three(serial=3)

    # A NIK of fifteen digits.
    new_family(operator, kk, [dict(members[0], nik=members[0]["nik"][:15])])
    assert "16" in error_beside(operator, "members-0-nik")
    assert operator.field("Nama").get_attribute("value") == "Suparno"
    operator.shot("error-wrong-nik")

    # A sex the NIK contradicts (day of birth under 40 means male).
    new_family(operator, kk, [dict(members[0], sex="F")])
    assert error_beside(operator, "members-0-sex")
    operator.shot("error-sex-contradicts-nik")

    # A NIK that is already registered in another family.
    new_family(operator, kk, [REGISTERED[0]])
    notice = operator.driver.find_element(By.CSS_SELECTOR, ".notice.error").text
    assert REGISTERED[0]["nik"] in notice
    assert count_proposals(operator, "Suparno") == 0


def test_a_form_sent_twice_makes_one_proposal(chromium):
    operator = chromium()
    operator.sign_in("operator")
    kk, members = family_of_three(serial=4)
    new_family(operator, kk, members)
    first = operator.path()
    operator.driver.back()  # the same page, the same form key, sent again
    operator.press("Ajukan usulan")
    assert operator.path() == first
    assert count_proposals(operator, "Suparno") == 1


def test_a_stale_page_gets_a_clear_message_and_changes_nothing(chromium):
    first, second = chromium(), chromium()
    for person in (first, second):
        person.sign_in("operator")
    kk, members = family_of_three(serial=5)
    new_family(first, kk, members)
    proposal = first.path()
    second.go(proposal)
    first.fill("Alasan penarikan", "Keluarga pindah ke Kudus")
    first.press("Tarik usulan ini")
    assert "Ditarik" in first.text()

    second.fill("Alasan penarikan", "Salah ketik")
    second.press("Tarik usulan ini")
    assert "sudah berubah" in second.text()
    second.go(proposal)
    assert "Salah ketik" not in second.text()


def test_an_expired_session_asks_to_sign_in_again_and_saves_nothing(chromium):
    operator = chromium()
    operator.sign_in("operator")
    kk, members = family_of_three(serial=6)
    operator.go("/usulan/baru/add")
    operator.fill("No. KK", kk)
    fill_member(operator, 0, members[0])
    operator.driver.delete_cookie("dtks_session")
    operator.press("Ajukan usulan")
    assert operator.path().startswith("/masuk")
    assert "Sesi Anda telah berakhir" in operator.text()
    operator.sign_in("operator")
    assert count_proposals(operator, "Suparno") == 0


def test_another_desa_proposal_looks_like_one_that_does_not_exist(chromium):
    operator = chromium()
    operator.sign_in("operator")
    kk, members = family_of_three(serial=8)
    new_family(operator, kk, members)
    address = operator.path()
    neighbour = chromium()
    neighbour.sign_in("operator.kalianyar")
    neighbour.go(address)
    theirs = neighbour.text()
    neighbour.go(f"/usulan/{uuid.uuid4()}")
    assert neighbour.text() == theirs
    assert "tidak ada" in theirs and "Suparno" not in theirs
