"""Wording of the domain's refusals: conflicts, transitions, scope, versions."""

from __future__ import annotations

from workflow.messages.fields import _m

DOMAIN = {
    "record.named": _m("{what:record} {key}", "{what:record} {key}"),
    "deliberation.named": _m(
        "deliberation {key} (minutes {minutes})",
        "Musdes {key} (berita acara {minutes})",
    ),
    "record.not_found": _m(
        "{what:record} {key} does not exist", "{what:record} {key} tidak ditemukan"
    ),
    "record.stale": _m(
        "{what} is at version {current}, not {expected}: reload it and try again",
        "{what} sudah di versi {current}, bukan {expected}: muat ulang lalu coba lagi",
    ),
    "step.not_allowed": _m(
        "{what} is {status:status}; it can {step:step} only when it is "
        "{allowed:or:status}",
        "{what} berstatus {status:status}; hanya bisa {step:step} bila berstatus "
        "{allowed:or:status}",
    ),
    "role.required": _m(
        "a {role} may not do this; it needs the role {roles:or}",
        "peran {role} tidak boleh melakukan ini; diperlukan peran {roles:or}",
    ),
    "scope.outside": _m(
        "region {code} is outside your scope {scope}",
        "wilayah {code} di luar cakupan Anda ({scope})",
    ),
    "registry.family_on": _m(
        "registered family on {as_of} with No. KK",
        "keluarga terdaftar pada {as_of} dengan No. KK",
    ),
    "user.token_shown": _m(
        "this Idempotency-Key already created account {user}; its token was shown "
        "only once. Revoke its tokens and create a new account if it was lost",
        "Idempotency-Key ini sudah membuat akun {user}; tokennya hanya ditampilkan "
        "sekali. Cabut tokennya dan buat akun baru bila token itu hilang",
    ),
    "nik.open_proposal": _m(
        "NIK {nik} is already in open proposal {proposal}",
        "NIK {nik} sudah ada dalam usulan yang masih berjalan {proposal}",
    ),
    "nik.in_family": _m(
        "NIK {nik} is already in family {kk}",
        "NIK {nik} sudah terdaftar di keluarga No. KK {kk}",
    ),
    "nik.registered": _m(
        "NIK {nik} is already registered in family {kk}",
        "NIK {nik} sudah terdaftar di keluarga No. KK {kk}",
    ),
    "nik.other_family": _m(
        "NIK {nik} is in family {other}, not a member of No. KK {kk}",
        "NIK {nik} terdaftar di keluarga No. KK {other}, bukan anggota No. KK {kk}",
    ),
    "nik.unregistered": _m(
        "NIK {nik} is not registered in your area, not a member of No. KK {kk}",
        "NIK {nik} tidak terdaftar di wilayah Anda, bukan anggota No. KK {kk}",
    ),
    "nik.unavailable": _m(
        "NIK {nik} cannot be proposed now; the Dinas Sosial of your "
        "kabupaten/kota can tell you why",
        "NIK {nik} tidak dapat diusulkan saat ini; hubungi Dinas Sosial "
        "kabupaten/kota Anda untuk keterangannya",
    ),
    "nik.left_family": _m(
        "NIK {nik} is no longer a member of No. KK {kk}",
        "NIK {nik} sudah bukan anggota No. KK {kk}",
    ),
    "kk.open_proposal": _m(
        "No. KK {kk} already has open proposal {proposal}",
        "No. KK {kk} sudah punya usulan yang masih berjalan {proposal}",
    ),
    "kk.open_family_proposal": _m(
        "No. KK {kk} already has open proposal {proposal} for the whole family",
        "No. KK {kk} sudah punya usulan yang masih berjalan {proposal} "
        "untuk seluruh keluarga",
    ),
    "kk.other_desa": _m(
        "No. KK {kk} is registered in desa {desa}, not {proposed}",
        "No. KK {kk} terdaftar di desa {desa}, bukan {proposed}",
    ),
    "kk.unregistered": _m(
        "No. KK {kk} is not in the registry of your area",
        "No. KK {kk} tidak terdaftar di wilayah Anda",
    ),
    "kk.unavailable": _m(
        "No. KK {kk} cannot be proposed now; the Dinas Sosial of your "
        "kabupaten/kota can tell you why",
        "No. KK {kk} tidak dapat diusulkan saat ini; hubungi Dinas Sosial "
        "kabupaten/kota Anda untuk keterangannya",
    ),
    "deliberation.not_submitted": _m(
        "{what} is {status:status}; a deliberation decides only on submitted proposals",
        "{what} berstatus {status:status}; Musdes hanya memutuskan usulan yang "
        "berstatus diajukan",
    ),
    "write.contended": _m(
        "the same records were changed by someone else at the same moment, again "
        "and again; please try once more",
        "data yang sama diubah orang lain pada saat bersamaan berulang kali; "
        "silakan coba sekali lagi",
    ),
    "token.missing": _m(
        "send the header 'Authorization: Bearer <token>' with your token",
        "kirim header 'Authorization: Bearer <token>' berisi token Anda",
    ),
}
