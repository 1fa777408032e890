"""The words the pages use for the ledger's codes: statuses, kinds, roles, events."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

STATUS = {
    "submitted": _l("Diajukan"),
    "in_deliberation": _l("Dalam musyawarah"),
    "endorsed": _l("Disetujui camat"),
    "verified": _l("Terverifikasi"),
    "ratified": _l("Disahkan (SK)"),
    "determined": _l("Ditetapkan"),
    "rejected": _l("Ditolak"),
    "withdrawn": _l("Ditarik"),
    "open": _l("Terbuka"),
    "approved": _l("Disetujui"),
    "returned": _l("Dikembalikan"),
}
KIND = {
    "add": _l("Tambah keluarga/anggota"),
    "remove": _l("Hapus anggota/keluarga"),
    "update": _l("Perbaikan data"),
}
ROLE = {
    "operator": _l("Operator desa/kelurahan"),
    "camat": _l("Camat"),
    "verifier": _l("Verifikator kabupaten/kota"),
    "ratifier": _l("Pengesah (bupati/wali kota)"),
    "ministry": _l("Kementerian Sosial"),
    "auditor": _l("Auditor"),
    "admin": _l("Admin"),
    "system": _l("Baris perintah"),
    "anonymous": _l("Formulir masuk"),
}
SEX = {"M": _l("Laki-laki"), "F": _l("Perempuan")}
RELATIONSHIP = {
    "head": _l("Kepala keluarga"),
    "spouse": _l("Istri/suami"),
    "child": _l("Anak"),
    "parent": _l("Orang tua"),
    "other": _l("Lainnya"),
}
REASON = {
    "deceased": _l("Meninggal"),
    "moved": _l("Pindah"),
    "duplicate": _l("Ganda"),
    "ineligible": _l("Tidak layak"),
    "not_found": _l("Tidak ditemukan"),
    "civil_servant": _l("ASN/TNI/Polri"),
}
CRITERIA = {
    "low_income": _l("Penghasilan rendah"),
    "informal_work": _l("Pekerja informal"),
    "disability": _l("Disabilitas"),
    "elderly": _l("Lanjut usia"),
    "stunting": _l("Anak stunting"),
}
OUTCOME = {"approve": _l("Setujui"), "reject": _l("Tolak")}
EVENT = {
    "dtks.proposal.submitted": _l("Usulan diajukan"),
    "dtks.proposal.tabled": _l("Dibahas dalam musyawarah"),
    "dtks.proposal.returned_to_village": _l("Dikembalikan camat ke desa"),
    "dtks.proposal.endorsed": _l("Disetujui camat"),
    "dtks.proposal.rejected": _l("Ditolak"),
    "dtks.proposal.verified": _l("Lolos verval"),
    "dtks.proposal.ratified": _l("Disahkan dengan SK"),
    "dtks.proposal.returned_for_correction": _l(
        "Dikembalikan Kemensos untuk perbaikan"
    ),
    "dtks.proposal.determined": _l("Ditetapkan Kemensos"),
    "dtks.proposal.withdrawn": _l("Ditarik desa"),
}
CHANGE = {
    "added": _l("Didaftarkan"),
    "removed": _l("Dikeluarkan"),
    "updated": _l("Diperbaiki"),
}
LABELS = {
    "status": STATUS,
    "kind": KIND,
    "role": ROLE,
    "sex": SEX,
    "relationship": RELATIONSHIP,
    "reason": REASON,
    "criteria": CRITERIA,
    "outcome": OUTCOME,
    "event": EVENT,
    "change": CHANGE,
}


def label(code: object, group: str) -> str:
    """The page's word for a code of a group, or the code itself."""
    return str(LABELS[group].get(str(code), code or ""))
