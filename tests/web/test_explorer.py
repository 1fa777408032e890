"""The auditor's explorer through the test client: scope, dates, CSV, access log."""

from __future__ import annotations

import csv
import io

import pytest

from tests.browser.seeds import REGISTERED, REGISTERED_KK, registered_family
from workflow.actors import command_line_actor

NIK = REGISTERED[0]["nik"]
DESA = "/jelajah/wilayah/33.20.01.2001"
NOT_THERE = "Halaman ini tidak ada, atau tidak termasuk wilayah Anda."


@pytest.fixture
def auditor(site, browse):
    """An auditor of Kabupaten Jepara, signed in, with the Suparno family registered
    (determined effective 2026-10-30)."""
    registered_family(site.ledger)
    page = browse()
    page.sign_in("auditor.jepara")
    return page


def rows(response) -> list[list[str]]:
    assert response.mimetype == "text/csv"
    return list(csv.reader(io.StringIO(response.get_data(as_text=True))))


def test_the_auditor_of_jepara_starts_in_jepara_and_sees_each_kecamatan_counted(
    auditor,
):
    assert auditor.get("/jelajah").status_code == 200
    assert "Jepara" in auditor.html and "Kedung" in auditor.html
    assert "1 keluarga, 3 jiwa" in auditor.html
    auditor.get("/jelajah/wilayah/33.20.01")
    assert "Kedungmalang" in auditor.html and "Kalianyar" in auditor.html


def test_a_desa_lists_its_families_on_the_day_asked(auditor):
    auditor.get(DESA)
    assert REGISTERED_KK in auditor.html and "Siti Aminah" in auditor.html
    auditor.get(f"{DESA}?tanggal=2026-10-29")  # the day before it took effect
    assert REGISTERED_KK not in auditor.html
    assert "Tidak ada keluarga terdaftar" in auditor.html


def test_a_person_page_shows_who_decided_each_step_of_the_change(auditor):
    assert auditor.get(f"/jelajah/orang/{NIK}").status_code == 200
    for shown in (
        "Suparno",
        "Operator Test",  # submitted
        "BA-MUSDES/017/X/2026",  # the Musdes minutes
        "H. Ahmad Sholeh (Kepala Desa)",  # its chair
        "Camat Test",
        "Verifier Test",
        "188.4/412/2026",  # the SK
        "2026-10-28",  # signed on
        "Ratifier Test",
        "1/HUK/2026",  # the determination
        "Ministry Test",
    ):
        assert shown in auditor.html, shown


def test_a_person_before_their_registration_is_shown_as_not_registered(auditor):
    auditor.get(f"/jelajah/orang/{NIK}?tanggal=2026-10-01")
    assert "Tidak terdaftar" in auditor.html


def test_a_family_page_shows_its_members_and_the_change_that_added_them(auditor):
    assert auditor.get(f"/jelajah/keluarga/{REGISTERED_KK}").status_code == 200
    assert "Rizky Pratama" in auditor.html and "188.4/412/2026" in auditor.html


@pytest.mark.parametrize("day", ["2026-13-40", "kemarin", "2026-02-30"])
def test_a_bad_date_is_refused_beside_the_date_field_and_nothing_is_read(auditor, day):
    for path in (DESA, f"/jelajah/orang/{NIK}", f"/jelajah/keluarga/{REGISTERED_KK}"):
        response = auditor.get(f"{path}?tanggal={day}")
        assert response.status_code == 422, path
        assert 'id="tanggal-error"' in auditor.html
        assert "Suparno" not in auditor.html


def test_an_auditor_of_another_kabupaten_finds_jepara_records_as_if_absent(
    site, browse
):
    registered_family(site.ledger)
    kudus = browse()
    kudus.sign_in("auditor.kudus")
    for path in (
        f"/jelajah/orang/{NIK}",
        f"/jelajah/keluarga/{REGISTERED_KK}",
        DESA,
        "/jelajah/orang/3320010101990001",  # a NIK never registered
    ):
        assert kudus.get(path).status_code == 404, path
        assert NOT_THERE in kudus.html and "Suparno" not in kudus.html


@pytest.mark.parametrize("username", ["operator", "camat", "verifier", "admin"])
def test_roles_other_than_auditor_and_ministry_are_refused_the_explorer(
    browse, username
):
    page = browse()
    page.sign_in(username)
    for path in ("/jelajah", "/jelajah/peristiwa"):
        assert page.get(path).status_code == 404
        assert NOT_THERE in page.html


def test_the_desa_csv_has_one_row_per_member(auditor):
    table = rows(auditor.get(f"{DESA}?format=csv"))
    assert table[0][:5] == ["no_kk", "desa", "alamat", "nik", "nama"]
    assert sorted(row[3] for row in table[1:]) == sorted(m["nik"] for m in REGISTERED)


def test_the_family_csv_lists_its_members_on_the_day_asked(auditor):
    table = rows(auditor.get(f"/jelajah/keluarga/{REGISTERED_KK}/anggota"))
    assert sorted(row[4] for row in table[1:]) == sorted(m["name"] for m in REGISTERED)
    early = f"/jelajah/keluarga/{REGISTERED_KK}/anggota?tanggal=2026-10-01"
    assert auditor.get(early).status_code == 404  # not yet a registered family


def test_the_region_csv_counts_each_child_region(auditor):
    table = rows(auditor.get("/jelajah/wilayah/33.20.01?format=csv"))
    counted = {row[1]: row[2:] for row in table[1:]}
    assert counted["Kedungmalang"] == ["1", "3"]
    assert counted["Kalianyar"] == ["0", "0"]


def test_the_person_csv_carries_the_whole_chain(auditor):
    table = rows(auditor.get(f"/jelajah/orang/{NIK}?format=csv"))
    chain = dict(zip(table[0], table[1], strict=True))
    assert chain["berita_acara"] == "BA-MUSDES/017/X/2026"
    assert chain["no_sk"] == "188.4/412/2026" and chain["pengesah"] == "Ratifier Test"
    assert chain["no_penetapan"] == "1/HUK/2026"


def test_the_event_stream_filters_by_type_and_actor(auditor):
    auditor.get("/jelajah/peristiwa?jenis=dtks.proposal.ratified")
    assert "Disahkan dengan SK" in auditor.html
    assert "dtks.proposal.submitted</span>" not in auditor.html
    table = rows(auditor.get("/jelajah/peristiwa?pelaku=verifier&format=csv"))
    assert table[1:] and {row[3] for row in table[1:]} == {"Verifier Test"}


def test_the_event_stream_refuses_a_bad_day_beside_its_field(auditor):
    assert auditor.get("/jelajah/peristiwa?dari=2026-99-01").status_code == 422
    assert 'id="dari-error"' in auditor.html


def test_a_regional_auditor_sees_no_event_of_another_kabupaten(site, browse):
    registered_family(site.ledger)
    kudus = browse()
    kudus.sign_in("auditor.kudus")
    table = rows(kudus.get("/jelajah/peristiwa?format=csv"))
    assert [row[1] for row in table[1:] if row[1].startswith("dtks.proposal")] == []


def test_a_signed_out_visit_to_the_explorer_goes_to_the_sign_in_form(browse):
    response = browse().get(f"/jelajah/orang/{NIK}")
    assert response.status_code == 302 and "/masuk" in response.location


def test_a_desa_list_its_csv_and_the_event_stream_are_noted_in_the_access_log(
    site, auditor
):
    auditor.get(DESA)
    auditor.get(f"{DESA}?format=csv")
    auditor.get("/jelajah/peristiwa")
    _user, token = site.ledger.add_user(
        command_line_actor(), {"name": "Pemeriksa API", "role": "auditor"}
    )
    response = site.test_client().get(
        "/api/v1/audit/access", headers={"Authorization": f"Bearer {token}"}
    )
    noted = [(a["route"], a["region"]) for a in response.get_json()["items"]]
    assert noted == [
        ("/jelajah/wilayah/<code>", "33.20.01.2001"),
        ("/jelajah/wilayah/<code>", "33.20.01.2001"),
        ("/jelajah/peristiwa", "33.20"),
    ]
