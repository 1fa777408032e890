"""Each role's pages through the test client: the same use cases as the API."""

from __future__ import annotations

import datetime as dt

from tests.support import family_of_three
from tests.web.accounts import PAGES
from tests.web.offline import foreign

KK, MEMBERS = family_of_three()


def proposal_form(kk=KK, members=MEMBERS) -> dict:
    data = {"family.kk": kk, "family.address": "RT 02 RW 01", "rows": "3"}
    for row, member in enumerate(members):
        for name, value in member.items():
            data[f"members.{row}.{name}"] = value
    return data


def test_a_signed_out_visit_to_the_home_page_shows_the_sign_in_form(browse):
    page = browse()
    response = page.get("/", follow_redirects=True)
    assert "Nama pengguna" in page.html and "Kata sandi" in page.html
    assert response.request.path == "/masuk"


def test_a_wrong_password_is_refused_in_plain_words(browse):
    page = browse()
    response = page.sign_in("operator", "not-the-password")
    assert response.status_code == 401
    assert "Nama pengguna atau kata sandi salah" in page.html


def test_the_operator_proposes_a_family_and_sees_it_with_its_timeline(browse):
    page = browse()
    assert page.sign_in("operator").status_code == 302
    page.get("/usulan/baru/add")
    response = page.post("/usulan/baru/add", proposal_form())
    assert response.status_code == 302, page.html
    page.get(response.location)
    assert "Suparno" in page.html and "Usulan diajukan" in page.html
    assert "Dwi Rahmawati" in page.html
    page.get("/usulan?status=submitted")
    assert "Suparno" in page.html


def test_a_sex_contradicting_the_nik_is_shown_beside_its_field(browse):
    page = browse()
    page.sign_in("operator")
    wrong = [dict(MEMBERS[0], sex="F"), *MEMBERS[1:]]
    page.get("/usulan/baru/add")
    response = page.post("/usulan/baru/add", proposal_form(members=wrong))
    assert response.status_code == 422
    assert 'id="members-0-sex-error"' in page.html
    assert 'value="Suparno"' in page.html  # what was typed stays


def test_every_page_of_every_role_loads_nothing_from_another_origin(browse):
    for username, pages in PAGES.items():
        page = browse()
        page.sign_in(username)
        for path in pages:
            response = page.get(path)
            assert response.status_code == 200, (username, path, page.html[-2000:])
            assert foreign(page.html) == [], (username, path)
    assert foreign(browse().get("/masuk").get_data(as_text=True)) == []


def test_the_camat_sees_which_desa_held_no_musdes_this_month(browse, site):
    camat = browse()
    camat.sign_in("camat")
    camat.get("/musyawarah/tanpa-musdes")
    assert "Kedungmalang" in camat.html and "Kalianyar" in camat.html

    operator = browse()
    operator.sign_in("operator")
    operator.get("/usulan/baru/add")
    operator.post("/usulan/baru/add", proposal_form())
    operator.get("/musyawarah/baru")
    proposal_id = operator.html.split('name="proposal_id" value="')[1].split('"')[0]
    today = dt.date.today().isoformat()
    response = operator.post(
        "/musyawarah/baru",
        {
            "minutes_number": "BA/MUSDES/001/2026",
            "held_on": today,
            "chaired_by": "H. Ahmad Sholeh",
            "attendees": "30",
            "proposal_id": proposal_id,
            f"outcome.{proposal_id}": "approve",
        },
    )
    assert response.status_code == 302, operator.html

    camat.get("/musyawarah/tanpa-musdes")
    assert "Kalianyar" in camat.html and "Kedungmalang" not in camat.html
    download = camat.get("/musyawarah/tanpa-musdes?format=csv")
    lines = download.get_data(as_text=True).splitlines()
    assert lines[0] == "kode,desa" and len(lines) == 1 + 17  # 18 desa, one met
    assert "33.20.01.2002,Kalianyar" in lines


def test_the_admin_creates_an_account_that_can_sign_in(browse):
    admin = browse()
    admin.sign_in("admin")
    admin.get("/akun")
    response = admin.post(
        "/akun",
        {
            "name": "Siti Rahayu",
            "role": "operator",
            "region": "33.20.01.2003",
            "username": "siti.karangaji",
            "password": "karangaji-2026",
        },
    )
    assert response.status_code == 302, admin.html
    newcomer = browse()
    assert newcomer.sign_in("siti.karangaji", "karangaji-2026").status_code == 302


def test_the_admin_unlocks_an_account_locked_by_five_wrong_passwords(browse, site):
    intruder = browse()
    for _ in range(5):
        intruder.sign_in("camat", "wrong-password")
    assert "dikunci" in intruder.sign_in("camat").get_data(as_text=True)

    admin = browse()
    admin.sign_in("admin")
    admin.get("/akun")
    assert "Terkunci sampai" in admin.html
    camat_id = site.ledger.user_named("camat").id
    assert admin.post(f"/akun/{camat_id}/buka", {}).status_code == 302
    assert browse().sign_in("camat").status_code == 302


def test_a_short_first_password_is_refused_beside_its_field(browse):
    admin = browse()
    admin.sign_in("admin")
    admin.get("/akun")
    body = {"name": "X Y", "role": "auditor", "username": "xy", "password": "short"}
    assert admin.post("/akun", body).status_code == 422
    assert 'id="password-error"' in admin.html and 'id="username-error"' in admin.html
