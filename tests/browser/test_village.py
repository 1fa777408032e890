"""More of the village's work by clicking: a camat's return and resubmission, a
decision changed before the minutes are sent, and a removal because a member
moved away."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from tests.browser.seeds import REGISTERED, REGISTERED_KK, registered_family
from tests.browser.test_accessibility import serious
from tests.browser.test_errors import new_family
from tests.browser.test_narrative import MINUTES, record_musdes
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


def test_the_operator_changes_a_decision_before_sending_the_minutes(chromium):
    operator = chromium()
    operator.sign_in("operator")
    kk, members = family_of_three(serial=4)
    new_family(operator, kk, members)
    proposal_id = operator.path().split("/")[-1]
    # 1. The Musdes approved the family, as the minutes first say.
    operator.go("/musyawarah/baru")
    operator.fill("Nomor berita acara", MINUTES)
    operator.fill("Tanggal musyawarah", "2026-11-05")
    operator.fill("Dipimpin oleh", "H. Ahmad Sholeh")
    operator.fill("Jumlah hadir", "41")
    operator.fill_named(f"outcome.{proposal_id}", "approve")
    operator.press("Simpan berita acara")
    minutes = operator.path()
    # 2. Reading them again, the operator sees the Musdes rejected it instead.
    operator.press("Ubah keputusan")
    assert serious(operator.driver) == []
    operator.shot("operator-musdes-revise")
    operator.fill_named(f"outcome.{proposal_id}", "reject")
    reason = "Keluarga sudah terdaftar di desa lain"
    operator.fill_named(f"note.{proposal_id}", reason)
    operator.press("Simpan keputusan")
    assert "Tersimpan" in operator.text() and reason in operator.text()
    operator.press("Kirim ke camat")

    # 3. The camat reads the changed decision.
    camat = chromium()
    camat.sign_in("camat")
    camat.go(minutes)
    decisions = camat.driver.find_element(By.TAG_NAME, "tbody").text
    assert "Tolak" in decisions and reason in decisions
    assert "Setujui" not in decisions
