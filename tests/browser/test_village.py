"""More of the village's work by clicking: a camat's return and resubmission, a
withdrawal, and a removal because a member moved away."""

from __future__ import annotations

import pytest

from tests.browser.seeds import REGISTERED, REGISTERED_KK, registered_family
from tests.browser.test_errors import new_family
from tests.browser.test_narrative import record_musdes
from tests.support import family_of_three


@pytest.fixture
def seed():
    """The Suparno family (serial 7) is in the Kedungmalang registry."""
    return registered_family


def test_the_camat_returns_the_minutes_and_the_village_sends_them_again(chromium):
    operator = chromium()
    operator.sign_in("operator")
    kk, members = family_of_three(serial=2)
    new_family(operator, kk, members)
    proposal = operator.path()
    record_musdes(operator, proposal.split("/")[-1])
    minutes = operator.path()

    camat = chromium()
    camat.sign_in("camat")
    camat.go(minutes)
    note = "Daftar hadir belum ditandatangani"
    camat.fill("Catatan (wajib diisi bila dikembalikan)", note)
    camat.press("Kembalikan ke desa")
    assert "Dikembalikan" in camat.text()

    operator.go(minutes)
    assert note in operator.text()
    operator.press("Kirim ke camat")
    camat.go(minutes)
    camat.press("Setujui")
    camat.go(proposal)
    timeline = camat.text()
    assert "Dikembalikan camat ke desa" in timeline and "Disetujui camat" in timeline


def test_a_member_who_moved_away_is_proposed_for_removal(chromium):
    operator = chromium()
    operator.sign_in("operator")
    operator.go("/usulan/baru/remove")
    operator.fill("No. KK", REGISTERED_KK)
    operator.choose("Alasan", "Pindah")
    operator.fill_named("members.0.nik", REGISTERED[2]["nik"])
    operator.shot("operator-removal-form")
    operator.press("Ajukan usulan")
    page = operator.text()
    assert "Usulan tersimpan" in page
    assert "Hapus anggota/keluarga" in page and "Alasan: Pindah" in page
    assert REGISTERED[2]["nik"] in page
