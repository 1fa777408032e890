"""Errors come in the caller's language: English by default, Indonesian when
Accept-Language asks for it, with the same field paths either way."""

from __future__ import annotations

from tests.support import add_body, family_of_three

KK, MEMBERS = family_of_three()
PROPOSALS = "/api/v1/proposals"
INDONESIAN = {"Accept-Language": "id-ID,id;q=0.9,en;q=0.5"}


def invalid_body() -> dict:
    return add_body(KK, [dict(MEMBERS[0], sex="F"), dict(MEMBERS[1], name=None)])


def test_invalid_fields_are_worded_in_indonesian_on_the_same_paths(api):
    english = api.call("POST", PROPOSALS, json=invalid_body()).get_json()
    response = api.call("POST", PROPOSALS, json=invalid_body(), headers=INDONESIAN)
    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    indonesian = response.get_json()
    assert set(indonesian["errors"]) == set(english["errors"])
    assert indonesian["errors"]["members.0.sex"] == [
        "NIK 3320010702840001: jenis kelamin P tidak sesuai NIK "
        "(tanggal 07 berarti laki-laki)"
    ]
    assert indonesian["errors"]["members.1.name"] == ["wajib diisi"]
    assert indonesian["title"] == "Isian permintaan tidak valid"
    assert indonesian["detail"].startswith("members.0.sex: NIK 3320010702840001")
    assert english["errors"]["members.1.name"] == ["this field is required"]


def test_a_conflict_names_the_record_in_indonesian(api):
    first = api.call("POST", PROPOSALS, json=add_body(KK, MEMBERS)).get_json()
    again = add_body("3320011203150002", MEMBERS[:1])
    response = api.call("POST", PROPOSALS, json=again, headers=INDONESIAN)
    assert response.status_code == 409
    assert response.get_json()["detail"] == (
        f"NIK {MEMBERS[0]['nik']} sudah ada dalam usulan yang masih berjalan "
        f"{first['id']}"
    )


def test_refusals_of_role_and_step_are_worded_in_indonesian(api):
    wrong_role = api.call(
        "POST", PROPOSALS, role="camat", json={}, headers=INDONESIAN
    ).get_json()
    assert wrong_role["detail"] == (
        "peran camat tidak boleh melakukan ini; diperlukan peran operator"
    )
    pid = api.call("POST", PROPOSALS, json=add_body(KK, MEMBERS)).get_json()["id"]
    response = api.call(
        "POST",
        f"{PROPOSALS}/{pid}/return",
        role="ministry",
        json={"reason": "NIK salah"},
        headers=INDONESIAN,
    )
    assert response.status_code == 409
    assert response.get_json()["detail"] == (
        f"usulan {pid} berstatus diajukan; hanya bisa dikembalikan untuk perbaikan "
        "bila berstatus disahkan dalam SK"
    )


def test_a_family_that_is_not_found_is_told_in_indonesian(api):
    kk = "3320011203159999"
    path = f"/api/v1/registry/families/{kk}?as_of=2026-11-01"
    response = api.call("GET", path, headers=INDONESIAN)
    assert response.status_code == 404
    assert response.get_json()["detail"] == (
        f"keluarga terdaftar pada 2026-11-01 dengan No. KK {kk} tidak ditemukan"
    )
