"""Vocabulary that messages word per language: statuses, steps, roles, levels."""

from __future__ import annotations

JOINERS = {
    "list": {"en": ", ", "id": ", "},
    "or": {"en": " or ", "id": " atau "},
}


def _words(pairs: dict) -> dict:
    """{value: (english, indonesian)} as {value: {"en": ..., "id": ...}}."""
    return {key: {"en": en, "id": id_} for key, (en, id_) in pairs.items()}


STATUS = _words(
    {
        "submitted": ("submitted", "diajukan"),
        "in_deliberation": ("in_deliberation", "dibahas di Musdes"),
        "endorsed": ("endorsed", "disahkan camat"),
        "verified": ("verified", "lolos verval"),
        "ratified": ("ratified", "disahkan dalam SK"),
        "determined": ("determined", "ditetapkan"),
        "rejected": ("rejected", "ditolak"),
        "withdrawn": ("withdrawn", "ditarik"),
        "open": ("open", "terbuka"),
        "approved": ("approved", "disetujui"),
        "returned": ("returned", "dikembalikan"),
    }
)
STEP = _words(
    {
        "table": ("table", "dibahas di Musdes"),
        "return to the village": ("return to the village", "dikembalikan ke desa"),
        "endorse": ("endorse", "disahkan"),
        "reject at deliberation": ("reject at deliberation", "ditolak di Musdes"),
        "verify": ("verify", "diverifikasi"),
        "reject at verval": ("reject at verval", "ditolak saat verval"),
        "ratify": ("ratify", "disahkan dalam SK"),
        "determine": ("determine", "ditetapkan"),
        "return for correction": (
            "return for correction",
            "dikembalikan untuk perbaikan",
        ),
        "withdraw": ("withdraw", "ditarik"),
        "be revised": ("be revised", "diubah"),
        "be submitted": ("be submitted", "dikirim ke camat"),
        "be approved": ("be approved", "disetujui"),
        "be returned": ("be returned", "dikembalikan"),
    }
)
LEVEL = _words(
    {
        1: ("province", "provinsi"),
        2: ("kabupaten/kota", "kabupaten/kota"),
        3: ("kecamatan", "kecamatan"),
        4: ("desa/kelurahan", "desa/kelurahan"),
    }
)
RECORD = _words(
    {
        "proposal": ("proposal", "usulan"),
        "deliberation": ("deliberation", "Musdes"),
        "user": ("user", "akun"),
        "family": ("family", "keluarga"),
        "NIK": ("NIK", "NIK"),
        "token": ("token", "token"),
        "ratification": ("ratification", "SK pengesahan"),
        "determination": ("determination", "penetapan"),
        "person in the registry history with NIK": (
            "person in the registry history with NIK",
            "riwayat registri untuk NIK",
        ),
    }
)
TERMS: dict[str, dict] = {
    "status": STATUS,
    "step": STEP,
    "level": LEVEL,
    "record": RECORD,
    "sex": _words({"M": ("M", "L"), "F": ("F", "P")}),
    "sex_meaning": _words(
        {
            "M": ("male", "laki-laki"),
            "F": ("female (day + 40)", "perempuan (tanggal + 40)"),
        }
    ),
    "number": _words({"nik": ("NIK", "NIK"), "kk": ("No. KK", "No. KK")}),
    "number_date": _words(
        {
            "nik": ("birth date", "tanggal lahir"),
            "kk": ("registration date", "tanggal terbit"),
        }
    ),
    "rate": _words(
        {"write": ("changes", "perubahan"), "search": ("searches", "pencarian")}
    ),
}
