"""The oversight dashboards in Chromium: a camat's quiet desa, an auditor's walk
down from the kabupaten, and charts that keep their axes at desk and phone width."""

from __future__ import annotations

import datetime as dt

import pytest
from selenium.webdriver.common.by import By

from tests.browser.seeds import registered_family
from tests.support import add_body, deliberate, family_of_three, make_actors

THIS_MONTH = dt.date.today().isoformat()[:7]


@pytest.fixture
def seed():
    """The Suparno family registered in October; Kedungmalang holds its Musdes
    this month on a new proposal; no other desa of Kedung does."""

    def store(ledger):
        registered_family(ledger)
        actors = make_actors(ledger)
        kk, members = family_of_three(serial=9)
        proposal = ledger.submit_proposal(actors["operator"], add_body(kk, members))
        deliberate(ledger, actors, [proposal.id], held_on=dt.date.today().isoformat())

    return store


def test_the_camat_of_kedung_sees_which_desa_held_no_musdes_this_month(chromium):
    camat = chromium()
    camat.sign_in("camat")
    camat.press("Pantauan")
    heading = f"Desa tanpa Musdes/Muskel pada {THIS_MONTH}"
    section = camat.driver.find_element(
        By.XPATH, f"//section[h2[normalize-space(.)='{heading}']]"
    )
    quiet = [row.text for row in section.find_elements(By.CSS_SELECTOR, "tbody tr")]
    assert "Kalianyar 33.20.01.2002" in quiet
    assert not [row for row in quiet if row.startswith("Kedungmalang")]
    camat.shot("dashboard-camat")


def test_an_auditor_of_jepara_walks_from_the_kabupaten_down_to_a_desa(chromium):
    auditor = chromium()
    auditor.sign_in("auditor.jepara")
    # Step 1: the auditor starts on the dashboard of the kabupaten.
    assert _heading(auditor) == "Pantauan: Kabupaten Jepara 33.20"
    # Step 2: Kedung, the one kecamatan with a determined change, leads the ranking.
    first = auditor.driver.find_element(
        By.CSS_SELECTOR, "#ranking-h ~ .table-wrap tbody tr"
    )
    assert first.text.startswith("1 Kedung 1 1")
    auditor.press("Kedung")
    assert _heading(auditor) == "Pantauan: Kedung 33.20.01"
    # Step 3: down to the desa; the trail leads back up to the kabupaten.
    auditor.press("Kedungmalang")
    assert _heading(auditor) == "Pantauan: Kedungmalang 33.20.01.2001"
    trail = auditor.driver.find_element(By.CSS_SELECTOR, "nav.trail").text
    assert trail.split("\n") == ["Kabupaten Jepara", "Kedung", "Kedungmalang"]
    auditor.press("Kabupaten Jepara")
    assert auditor.path() == "/pantauan/33.20"


def test_the_charts_render_and_name_their_axes_at_desk_and_phone_width(chromium):
    auditor = chromium()
    auditor.sign_in("auditor.jepara")
    for width in (1280, 360):
        auditor.driver.set_window_size(width, 900)
        charts = auditor.driver.find_elements(By.CSS_SELECTOR, "section.chart svg")
        assert len(charts) == 3
        for chart in charts:
            assert 0 < chart.size["width"] <= width
            labels = chart.find_elements(By.CSS_SELECTOR, "text.axis-label")
            assert [label.text for label in labels][:1] != [""]
            assert len(labels) == 2
        names = [t.text for t in charts[0].find_elements(By.CSS_SELECTOR, "text")]
        assert "Bulan" in names and "Jumlah terdaftar" in names
    auditor.shot("dashboard-kabupaten")


def _heading(person) -> str:
    return person.driver.find_element(By.TAG_NAME, "h1").text
