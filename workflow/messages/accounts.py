"""Wording of accounts' problems: usernames, passwords, lock-outs, tokens, limits."""

from __future__ import annotations

from workflow.messages.fields import _m

ACCOUNTS = {
    "username.invalid": _m(
        "a username has 3 to 40 characters: letters, digits, '.', '_' or '-', "
        "starting with a letter or digit",
        "nama pengguna terdiri atas 3 sampai 40 karakter: huruf, angka, '.', '_' "
        "atau '-', diawali huruf atau angka",
    ),
    "username.taken": _m(
        "the username {username} is taken; choose another",
        "nama pengguna {username} sudah dipakai; pilih yang lain",
    ),
    "password.too_short": _m(
        "a password has at least {minimum} characters",
        "kata sandi paling sedikit {minimum} karakter",
    ),
    "password.too_long": _m(
        "a password has at most {maximum} characters",
        "kata sandi paling banyak {maximum} karakter",
    ),
    "password.blank": _m(
        "a password is more than spaces", "kata sandi tidak boleh hanya spasi"
    ),
    "signin.wrong": _m(
        "the username or the password is wrong",
        "nama pengguna atau kata sandi salah",
    ),
    "signin.locked": _m(
        "this account is locked after too many failed sign-ins, until {until} UTC; "
        "wait, or ask an admin to unlock it",
        "akun ini dikunci setelah terlalu banyak gagal masuk, sampai {until} UTC; "
        "tunggu, atau minta admin membukanya",
    ),
    "session.no_account": _m(
        "the session's account does not exist", "akun sesi ini tidak ada"
    ),
    "account.disabled": _m(
        "this account was disabled by an admin; ask the admin to enable it again",
        "akun ini dinonaktifkan oleh admin; minta admin mengaktifkannya kembali",
    ),
    "account.disable_self": _m(
        "you cannot disable your own account; ask another admin",
        "Anda tidak dapat menonaktifkan akun Anda sendiri; minta admin lain",
    ),
    "account.already_disabled": _m(
        "the account is already disabled", "akun ini sudah nonaktif"
    ),
    "account.already_enabled": _m(
        "the account is not disabled", "akun ini tidak sedang nonaktif"
    ),
    "token.unknown": _m(
        "the bearer token is not known; check that it was copied whole",
        "token tidak dikenal; periksa apakah token tersalin utuh",
    ),
    "token.revoked": _m(
        "the bearer token has been revoked; ask the admin for a new token",
        "token ini sudah dicabut; minta token baru kepada admin",
    ),
    "token.expired": _m(
        "the bearer token expired at {expires_at} UTC; ask the admin for a new token",
        "token ini kedaluwarsa pada {expires_at} UTC; minta token baru kepada admin",
    ),
    "token.expires_past": _m(
        "the expiry date must be after today",
        "tanggal kedaluwarsa harus sesudah hari ini",
    ),
    "token.lifetime_twice": _m(
        "give either expires_in_days or expires, not both",
        "isi expires_in_days atau expires, jangan keduanya",
    ),
    "token.shown": _m(
        "this Idempotency-Key already issued a token to account {user}; it was "
        "shown only once. Issue another with a new key if it was lost",
        "Idempotency-Key ini sudah menerbitkan token untuk akun {user}; token itu "
        "hanya ditampilkan sekali. Terbitkan token lain dengan kunci baru bila hilang",
    ),
    "field.maximum": _m("must be at most {maximum}", "paling banyak {maximum}"),
    "rate.limited": _m(
        "too many {kind:rate} with this token: at most {limit} in {seconds} "
        "seconds; try again in {retry} seconds",
        "terlalu banyak {kind:rate} dengan token ini: paling banyak {limit} dalam "
        "{seconds} detik; coba lagi dalam {retry} detik",
    ),
}
