"""The oversight dashboards through the test client: scope, month range, downloads."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.browser.seeds import registered_family

THIS_MONTH = dt.date.today().isoformat()[:7]
NOT_FOUND = "Halaman ini tidak ada, atau tidak termasuk wilayah Anda."


@pytest.fixture
def seeded(site):
    """The Suparno family registered in Kedungmalang on 2026-10-30."""
    registered_family(site.ledger)
    return site


def test_the_auditor_and_the_ministry_start_on_their_dashboard(browse):
    for username in ("auditor", "ministry", "auditor.jepara"):
        page = browse()
        page.sign_in(username)
        assert page.get("/").location.endswith("/pantauan")


def test_the_ministry_sees_the_provinces_ranked_with_their_charts(browse, seeded):
    page = browse()
    page.sign_in("ministry")
    assert page.get("/pantauan").status_code == 200
    assert "Jawa Tengah" in page.html and 'href="/pantauan/33' in page.html
    assert page.html.count("<svg ") == 3
    assert "Jumlah terdaftar" in page.html and "Bulan dengan perubahan" in page.html


def test_a_kabupaten_dashboard_shows_its_size_at_each_month_end(browse, seeded):
    page = browse()
    page.sign_in("auditor.jepara")
    page.get("/pantauan?from=2026-09&to=2026-11")
    size = page.html.split("Ukuran registri per akhir bulan")[1].split("</table>")[0]
    assert '<th scope="row">2026-09</th><td>0</td><td>0</td>' in size
    assert '<th scope="row">2026-10</th><td>1</td><td>3</td>' in size
    assert 'href="/pantauan/33.20.01?from=2026-09&amp;to=2026-11"' in page.html


def test_a_region_out_of_scope_answers_like_one_that_does_not_exist(browse):
    page = browse()
    page.sign_in("auditor.jepara")
    for path in ("/pantauan/33.21", "/pantauan/33", "/pantauan/99.99"):
        assert page.get(path).status_code == 404, path
        assert NOT_FOUND in page.html
    camat = browse()
    camat.sign_in("camat")
    assert camat.get("/pantauan/33.20.02").status_code == 404
    assert camat.get("/pantauan/33.20.01").status_code == 200


def test_an_operator_has_no_dashboard(browse):
    page = browse()
    page.sign_in("operator")
    assert page.get("/pantauan/33.20.01.2001").status_code == 404
    assert "/pantauan" not in page.get("/usulan").get_data(as_text=True)


def test_a_bad_month_range_is_explained_beside_its_field(browse):
    page = browse()
    page.sign_in("verifier")
    assert page.get("/pantauan/33.20?from=2026-13").status_code == 422
    assert 'id="from-error"' in page.html
    assert "&#39;2026-13&#39; bukan bulan dengan format TTTT-BB" in page.html
    assert "<svg " not in page.html
    assert page.get("/pantauan/33.20?from=2026-05&to=2026-02").status_code == 422
    assert "from (2026-05) tidak boleh sesudah to (2026-02)" in page.html


def test_the_camat_sees_the_desa_without_a_musdes_in_the_last_month(browse):
    page = browse()
    page.sign_in("camat")
    page.get("/pantauan")
    quiet = page.html.split(f"Desa tanpa Musdes/Muskel pada {THIS_MONTH}")[1]
    assert "Kedungmalang" in quiet and "Kalianyar" in quiet


def test_each_chart_downloads_as_an_svg_file_and_as_csv(browse, seeded):
    page = browse()
    page.sign_in("auditor.jepara")
    query = "?from=2026-10&to=2026-11"
    svg = page.get(f"/pantauan/33.20/unduh/ukuran-registri.svg{query}")
    assert svg.mimetype == "image/svg+xml"
    assert 'xmlns="http://www.w3.org/2000/svg"' in page.html
    assert "<title" in page.html and "Jumlah terdaftar" in page.html
    csv = page.get(f"/pantauan/33.20/unduh/ukuran-registri.csv{query}")
    assert csv.mimetype == "text/csv"
    lines = ["bulan,keluarga,jiwa", "2026-10,1,3", "2026-11,1,3"]
    assert page.html.splitlines() == lines
    ranking = page.get(f"/pantauan/33.20/unduh/peringkat-wilayah.csv{query}")
    assert "1,33.20.01,Kedung,1,1," in ranking.get_data(as_text=True)
    assert page.get("/pantauan/33.20/unduh/rahasia.svg").status_code == 404
