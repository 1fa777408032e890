"""One family, from the village's proposal to the ministry's determination, by
clicking: each role signs in to its own pages in a real Chromium."""

from __future__ import annotations

import datetime as dt

from selenium.webdriver.common.by import By

KK = "3320011905180007"
FAMILY = [
    ("3320012103870007", "Slamet Riyadi", "1987-03-21", "M", "head"),
    ("3320015409900007", "Tri Wahyuni", "1990-09-14", "F", "spouse"),
    ("3320010202240007", "Bima Saputra", "2024-02-02", "M", "child"),
]
MINUTES = "BA/MUSDES/021/XI/2026"
SK = "460/412/3320/2026"
EVERYONE = (
    "Dwi Rahmawati",
    "Drs. Hadi Prasetyo",
    "Nur Kholis",
    "Bambang Setiawan",
    "Rina Kusumawardani",
)


def propose_family(operator) -> str:
    """The operator fills the add form; returns the new proposal's id."""
    operator.link("Usulan baru")
    operator.fill("No. KK", KK)
    operator.fill("Alamat", "RT 03 RW 02, Dukuh Krajan")
    for row, (nik, name, born, sex, relationship) in enumerate(FAMILY):
        operator.fill_named(f"members.{row}.nik", nik)
        operator.fill_named(f"members.{row}.name", name)
        operator.fill_named(f"members.{row}.birth_date", born)
        operator.fill_named(f"members.{row}.sex", sex)
        operator.fill_named(f"members.{row}.relationship", relationship)
    operator.tick("low_income")
    operator.shot("operator-proposal-form")
    operator.press("Ajukan usulan")
    assert "Usulan tersimpan" in operator.text()
    return operator.path().split("/")[-1]


def record_musdes(operator, proposal_id: str) -> None:
    """The Musdes approves the proposal and its minutes go to the camat."""
    operator.go("/musyawarah/baru")
    operator.fill("Nomor berita acara", MINUTES)
    operator.fill("Tanggal musyawarah", "2026-11-05")
    operator.fill("Dipimpin oleh", "H. Ahmad Sholeh")
    operator.fill("Jumlah hadir", "41")
    operator.fill_named(f"outcome.{proposal_id}", "approve")
    operator.press("Simpan berita acara")
    operator.press("Kirim ke camat")
    assert "Tersimpan" in operator.text()


def test_a_family_walks_from_proposal_to_determination_in_the_browser(chromium):
    # 1. The Kedungmalang operator signs in and proposes a family of three.
    operator = chromium()
    operator.sign_in("operator")
    operator.shot("operator-registry")
    proposal_id = propose_family(operator)
    operator.shot("operator-proposal")

    # 2. The Musdes is recorded and submitted to the camat.
    record_musdes(operator, proposal_id)

    # 3. The Kedung camat approves the deliberation.
    camat = chromium()
    camat.sign_in("camat")
    camat.go("/musyawarah?status=submitted")
    camat.link(MINUTES)
    camat.shot("camat-deliberation")
    camat.press("Setujui")
    assert "Disetujui" in camat.text()

    # 4. The Jepara verifier checks the family.
    verifier = chromium()
    verifier.sign_in("verifier")
    verifier.go("/usulan?status=endorsed")
    verifier.link("Slamet Riyadi")
    for name in ("eligible", "nik_matched"):
        verifier.driver.find_element(
            By.CSS_SELECTOR, f"input[name={name}][value=yes]"
        ).click()
    verifier.fill("Tanggal pemeriksaan", "2026-11-12")
    verifier.shot("verifier-verval")
    verifier.press("Simpan hasil verval")
    assert "Terverifikasi" in verifier.text()

    # 5. The ratifier signs an SK for it.
    ratifier = chromium()
    ratifier.sign_in("ratifier")
    ratifier.go("/usulan?status=verified")
    ratifier.tick(proposal_id)
    ratifier.fill("Nomor SK", SK)
    ratifier.fill("Tanggal SK", "2026-11-20")
    ratifier.shot("ratifier-sk")
    ratifier.press("Sahkan usulan terpilih")
    assert f"SK {SK} mengesahkan 1 usulan" in ratifier.text()

    # 6. The ministry determines it, effective today.
    ministry = chromium()
    ministry.sign_in("ministry")
    ministry.go("/usulan?status=ratified")
    ministry.tick(proposal_id)
    ministry.fill("Periode", dt.date.today().strftime("%Y-%m"))
    ministry.fill("Nomor keputusan", "146/HUK/2026")
    ministry.fill("Berlaku mulai", dt.date.today().isoformat())
    ministry.shot("ministry-determination")
    ministry.press("Tetapkan")
    assert "Penetapan 146/HUK/2026 tersimpan" in ministry.text()

    # 7. The operator finds the family in the desa's registry ...
    operator.go("/registri")
    operator.fill("Cari NIK, No. KK atau nama", "Slamet")
    operator.press("Cari")
    registry = operator.text()
    assert all(name in registry for _, name, *_ in FAMILY)
    operator.shot("operator-registry-after")

    # 8. ... and the timeline names every step, everyone, and each document.
    operator.go(f"/usulan/{proposal_id}")
    timeline = operator.text()
    assert "Ditetapkan" in timeline
    assert all(name in timeline for name in EVERYONE)
    assert MINUTES in timeline and SK in timeline and "146/HUK/2026" in timeline
    operator.shot("operator-timeline")
