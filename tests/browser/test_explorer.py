"""An auditor of Jepara walks the registry down to a person and reads the chain."""

from __future__ import annotations

import pytest

from tests.browser.seeds import REGISTERED, REGISTERED_KK, registered_family
from tests.browser.test_accessibility import serious


@pytest.fixture
def seed():
    """The Suparno family (serial 7) is in the Kedungmalang registry."""
    return registered_family


def test_an_auditor_of_jepara_walks_down_to_a_person_and_reads_the_chain(chromium):
    auditor = chromium()
    auditor.sign_in("auditor.jepara")

    # 1. The explorer opens on the auditor's kabupaten, each kecamatan counted.
    auditor.press("Jelajah registri")
    assert "Kabupaten Jepara" in auditor.text() and "Kedung" in auditor.text()
    auditor.shot("auditor-explorer-kabupaten")

    # 2. Down to the kecamatan, then the desa, where the family is listed.
    auditor.press("Kedung")
    assert "Kedungmalang" in auditor.text()
    auditor.press("Kedungmalang")
    assert REGISTERED_KK in auditor.text() and "Suparno" in auditor.text()
    auditor.shot("auditor-explorer-desa")

    # 3. The head of the family: registered, and every step with its name.
    auditor.press(REGISTERED[0]["nik"])
    page = auditor.text()
    for shown in (
        "Terdaftar",
        "Operator Test",
        "BA-MUSDES/017/X/2026",
        "H. Ahmad Sholeh (Kepala Desa)",
        "Camat Test",
        "Verifier Test",
        "188.4/412/2026",
        "Ratifier Test",
        "1/HUK/2026",
        "Ministry Test",
    ):
        assert shown in page, shown
    auditor.shot("auditor-explorer-person")

    # 4. On a day before the determination the same person was not registered.
    auditor.fill("Tanggal", "")
    auditor.driver.execute_script(
        "document.getElementById('tanggal').value = '2026-10-01'"
    )
    auditor.press("Tampilkan")
    assert "Tidak terdaftar" in auditor.text()


def test_the_explorers_record_pages_have_no_serious_accessibility_violation(chromium):
    auditor = chromium()
    auditor.sign_in("auditor.jepara")
    problems = {}
    for path in (
        f"/jelajah/orang/{REGISTERED[0]['nik']}",
        f"/jelajah/keluarga/{REGISTERED_KK}",
        "/jelajah/peristiwa?tanggal=&dari=kemarin",
    ):
        auditor.go(path)
        for width in (1280, 360):
            auditor.driver.set_window_size(width, 900)
            problems[f"{path} {width}"] = serious(auditor.driver)
    assert {page: found for page, found in problems.items() if found} == {}
