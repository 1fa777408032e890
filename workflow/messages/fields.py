"""Wording of the problems of single fields: text, dates, lists, NIK, KK, regions."""

from __future__ import annotations


def _m(en: str, id_: str) -> dict[str, str]:
    return {"en": en, "id": id_}


NUMBER = "{kind:number} {number}"
FIELDS = {
    "field.required": _m("this field is required", "wajib diisi"),
    "field.text": _m("must be text", "harus berupa teks"),
    "field.too_long": _m(
        "must be at most {limit} characters", "paling banyak {limit} karakter"
    ),
    "field.object": _m("must be an object", "harus berupa objek"),
    "field.list": _m("must be a list", "harus berupa daftar"),
    "field.boolean": _m("must be true or false", "harus true atau false"),
    "field.whole_number": _m("must be a whole number", "harus bilangan bulat"),
    "field.minimum": _m("must be at least {minimum}", "paling sedikit {minimum}"),
    "list.required": _m(
        "this field is required (a list)", "wajib diisi (berupa daftar)"
    ),
    "date.required": _m(
        "this field is required (a date, YYYY-MM-DD)",
        "wajib diisi (tanggal, TTTT-BB-HH)",
    ),
    "date.invalid": _m(
        "{value!r} is not a real date in the form YYYY-MM-DD",
        "{value!r} bukan tanggal yang benar dengan format TTTT-BB-HH",
    ),
    "choice.required": _m(
        "this field is required: one of {options:list}",
        "wajib diisi: salah satu dari {options:list}",
    ),
    "choice.invalid": _m(
        "{value!r} is not one of {options:list}",
        "{value!r} bukan salah satu dari {options:list}",
    ),
    "number.digits": _m(
        "{kind:number} must be exactly 16 digits, got {number!r}",
        "{kind:number} harus tepat 16 angka, bukan {number!r}",
    ),
    "number.province": _m(
        NUMBER + ": province code {province} is unknown",
        NUMBER + ": kode provinsi {province} tidak dikenal",
    ),
    "number.kabkota": _m(
        NUMBER + ": kabupaten/kota code {kabkota} is unknown",
        NUMBER + ": kode kabupaten/kota {kabkota} tidak dikenal",
    ),
    "number.kecamatan": _m(
        NUMBER + ": kecamatan code may not be 00",
        NUMBER + ": kode kecamatan tidak boleh 00",
    ),
    "number.date": _m(
        NUMBER + ": the {kind:number_date} in the number is not a real date",
        NUMBER + ": {kind:number_date} di dalam nomor bukan tanggal yang benar",
    ),
    "number.serial": _m(
        NUMBER + ": the serial number may not be 0000",
        NUMBER + ": nomor urut tidak boleh 0000",
    ),
    "nik.sex_mismatch": _m(
        "sex {sex} contradicts NIK {nik} (day {day:02d} means {means:sex_meaning})",
        "NIK {nik}: jenis kelamin {sex:sex} tidak sesuai NIK "
        "(tanggal {day:02d} berarti {means:sex_meaning})",
    ),
    "nik.birth_date_mismatch": _m(
        "birth date {birth_date} contradicts NIK {nik} "
        "(the NIK says {day:02d}-{month:02d}-{yy:02d}, DD-MM-YY)",
        "NIK {nik}: tanggal lahir {birth_date} tidak sesuai NIK "
        "(menurut NIK {day:02d}-{month:02d}-{yy:02d}, HH-BB-TT)",
    ),
    "birth_date.future": _m(
        "a birth date cannot lie in the future",
        "tanggal lahir tidak boleh di masa depan",
    ),
    "nik.repeated": _m(
        "NIK {nik} is listed twice in this proposal",
        "NIK {nik} tercantum dua kali dalam usulan ini",
    ),
    "region.required": _m(
        "a Kemendagri region code is required, like 33.20.01.2001",
        "kode wilayah Kemendagri wajib diisi, misalnya 33.20.01.2001",
    ),
    "region.unknown": _m(
        "{code} is not a Kemendagri region code in the official list",
        "{code} bukan kode wilayah Kemendagri dalam daftar resmi",
    ),
    "region.level": _m(
        "{code} is a {level:level} code; a {needed:level} code is needed here",
        "{code} adalah kode {level:level}; di sini diperlukan kode {needed:level}",
    ),
    "members.add": _m(
        "an add proposal names at least one member",
        "usulan penambahan wajib menyebut paling sedikit satu anggota keluarga",
    ),
    "members.update": _m(
        "an update names the members to correct (or an address)",
        "usulan perubahan wajib menyebut anggota yang diperbaiki (atau alamatnya)",
    ),
    "member.removal_fields": _m(
        "a removal names only the NIK, not {fields:list}",
        "usulan pengurangan hanya menyebut NIK, bukan {fields:list}",
    ),
    "member.no_correction": _m(
        "name at least one corrected field of NIK {nik}",
        "sebutkan paling sedikit satu data yang diperbaiki untuk NIK {nik}",
    ),
    "criterion.invalid": _m(
        "a criterion is a lower-case word such as low_income or elderly",
        "kriteria ditulis satu kata huruf kecil, misalnya low_income atau elderly",
    ),
    "proposal.repeated": _m(
        "proposal {proposal_id} is listed twice",
        "usulan {proposal_id} tercantum dua kali",
    ),
    "proposal.id": _m("must be a proposal id", "harus berupa ID usulan"),
    "proposals.required": _m(
        "name at least one proposal", "sebutkan paling sedikit satu usulan"
    ),
    "decisions.required": _m(
        "a deliberation decides on at least one proposal",
        "Musdes wajib memutuskan paling sedikit satu usulan",
    ),
    "period.invalid": _m(
        "the period is a month written YYYY-MM, like 2026-11",
        "periode ditulis sebagai bulan TTTT-BB, misalnya 2026-11",
    ),
    "role.invalid": _m(
        "role must be one of {roles:list}", "peran harus salah satu dari {roles:list}"
    ),
    "role.national": _m(
        "the role {role} has national scope; give no region",
        "peran {role} berlingkup nasional; jangan isi wilayah",
    ),
    "role.region": _m(
        "the role {role} needs a region: {problem}",
        "peran {role} memerlukan wilayah: {problem}",
    ),
    "idempotency.length": _m(
        "use a key of 1 to 200 characters", "gunakan kunci 1 sampai 200 karakter"
    ),
    "idempotency.reused": _m(
        "the key {key!r} was already used for a different request; "
        "use a new key for a new request",
        "kunci {key!r} sudah dipakai untuk permintaan lain; "
        "gunakan kunci baru untuk permintaan baru",
    ),
    "query.unknown": _m(
        "{name} is not a query parameter here; this request takes {takes:list}",
        "{name} bukan parameter kueri di sini; yang diterima: {takes:list}",
    ),
    "query.cursor": _m(
        "the cursor is the next_cursor of an earlier page",
        "cursor adalah next_cursor dari halaman sebelumnya",
    ),
    "query.range": _m(
        "{name} is a whole number from {low} to {top}",
        "{name} berupa bilangan bulat dari {low} sampai {top}",
    ),
    "query.none": _m(
        "{name} is not a query parameter here; none are taken",
        "{name} bukan parameter kueri di sini; permintaan ini tidak menerima parameter",
    ),
}
