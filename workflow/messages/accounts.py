"""Wording of the web sign-in's problems: usernames, passwords, lock-outs."""

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
}
