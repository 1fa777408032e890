"""The admin disables an account on the Akun page: its session ends, sign-in stops."""

from __future__ import annotations


def test_a_disabled_operator_is_signed_out_and_cannot_sign_in_again(browse, site):
    operator = browse()
    assert operator.sign_in("operator").status_code == 302
    assert operator.get("/usulan").status_code == 200

    admin = browse()
    admin.sign_in("admin")
    admin.get("/akun")
    operator_id = site.ledger.user_named("operator").id
    response = admin.post(f"/akun/{operator_id}/nonaktif", {"reason": "pindah tugas"})
    assert response.status_code == 302, admin.html
    admin.get("/akun")
    assert "Nonaktif" in admin.html and "Alasan mengaktifkan" in admin.html

    ended = operator.get("/usulan")
    assert ended.status_code == 302 and "/masuk" in ended.headers["Location"]
    operator.get("/masuk")
    assert "dinonaktifkan oleh admin" in operator.html
    refused = browse().sign_in("operator")
    assert refused.status_code == 401
    assert "dinonaktifkan oleh admin" in refused.get_data(as_text=True)

    admin.get("/akun")
    admin.post(f"/akun/{operator_id}/aktif", {"reason": "kembali bertugas"})
    assert browse().sign_in("operator").status_code == 302


def test_the_admin_is_offered_no_form_to_disable_themselves(browse, site):
    admin = browse()
    admin.sign_in("admin")
    admin.get("/akun")
    admin_id = site.ledger.user_named("admin").id
    assert f"/akun/{admin_id}/nonaktif" not in admin.html
    refused = admin.post(f"/akun/{admin_id}/nonaktif", {"reason": "coba"})
    assert refused.status_code == 409
    assert "menonaktifkan akun Anda sendiri" in admin.html


def test_disabling_without_a_reason_changes_nothing(browse, site):
    admin = browse()
    admin.sign_in("admin")
    admin.get("/akun")
    head = site.ledger.recorder.max_notification_id()
    operator_id = site.ledger.user_named("operator").id
    assert (
        admin.post(f"/akun/{operator_id}/nonaktif", {"reason": ""}).status_code == 422
    )
    assert "wajib diisi" in admin.html
    assert site.ledger.recorder.max_notification_id() == head
